package io.conduit.ingress.auth;

import io.conduit.contracts.security.VirtualKeys;
import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.ingress.http.GatewayException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Authenticates virtual keys against the in-memory cache: hash the presented key, look the hash
 * up, compare in constant time. No database round trip. Error messages never echo the key.
 */
public final class Authenticator {

    private final GatewayConfigCache config;
    private final Clock clock;

    public Authenticator(GatewayConfigCache config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public VirtualKey authenticate(String presentedKey) {
        if (presentedKey == null) {
            throw GatewayException.unauthorized("missing_api_key",
                    "You didn't provide an API key. Provide your Conduit virtual key in the Authorization header "
                            + "(Authorization: Bearer condt_...).");
        }
        if (!VirtualKeys.looksLikeKey(presentedKey)) {
            throw invalidKey();
        }
        byte[] hash = VirtualKeys.sha256(presentedKey);
        VirtualKey key = config.current().keysByHash().get(HexFormat.of().formatHex(hash));
        if (key == null || !MessageDigest.isEqual(hash, key.hash())) {
            throw invalidKey();
        }
        if (!key.enabled()) {
            throw GatewayException.unauthorized("key_disabled", "This API key has been disabled.");
        }
        if (key.expiredAt(clock.instant())) {
            throw GatewayException.unauthorized("key_expired", "This API key has expired.");
        }
        return key;
    }

    private static GatewayException invalidKey() {
        return GatewayException.unauthorized("invalid_api_key", "Incorrect API key provided.");
    }
}
