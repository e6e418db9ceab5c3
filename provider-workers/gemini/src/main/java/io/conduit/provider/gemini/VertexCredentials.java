package io.conduit.provider.gemini;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bearer tokens for Vertex AI, made without I/O. A credential that is JSON is a service-account key:
 * its token is a self-signed JWT ({@link SelfSignedJwt}) for {@code https://aiplatform.googleapis.com/},
 * valid an hour and reused until five minutes before it expires. Any other credential is an access
 * token minted elsewhere and sent as it is. Thread-safe: parsed keys and their tokens are cached
 * per credential.
 */
final class VertexCredentials {

    static final String AUDIENCE = "https://aiplatform.googleapis.com/";
    static final Duration LIFETIME = Duration.ofHours(1);
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
    /** Credentials are few (one per configured provider); the bound only keeps rotated keys from piling up. */
    private static final int MAX_CACHED = 64;

    private final Clock clock;
    private final ConcurrentMap<String, Signer> signers = new ConcurrentHashMap<>();

    VertexCredentials(Clock clock) {
        this.clock = clock;
    }

    /** The bearer token for a credential. */
    String bearer(String credential) {
        if (!isServiceAccountKey(credential)) {
            return credential.strip();
        }
        return signer(credential).token(clock.instant().getEpochSecond());
    }

    /** The project named by a service-account key, empty for an access token. */
    Optional<String> projectId(String credential) {
        return isServiceAccountKey(credential) ? Optional.ofNullable(signer(credential).key.projectId()) : Optional.empty();
    }

    static boolean isServiceAccountKey(String credential) {
        return credential != null && credential.stripLeading().startsWith("{");
    }

    private Signer signer(String credential) {
        Signer cached = signers.get(credential);
        if (cached != null) {
            return cached;
        }
        if (signers.size() >= MAX_CACHED) {
            signers.clear();
        }
        return signers.computeIfAbsent(credential, VertexCredentials::parse);
    }

    private static Signer parse(String credential) {
        try {
            return new Signer(ServiceAccountKey.parse(credential));
        } catch (IllegalArgumentException e) {
            throw ProviderException.of(ProviderException.Kind.AUTHENTICATION, 0, new ProviderError(
                    "The Vertex AI credential could not be used: " + e.getMessage() + ".",
                    "authentication_error", null, "invalid_service_account_key"), null);
        }
    }

    /** One account's key and its current token. */
    private static final class Signer {
        private final ServiceAccountKey key;
        private String token;
        private long expiresAt;

        Signer(ServiceAccountKey key) {
            this.key = key;
        }

        synchronized String token(long now) {
            if (token == null || now >= expiresAt - RENEW_BEFORE_EXPIRY.toSeconds()) {
                expiresAt = now + LIFETIME.toSeconds();
                token = SelfSignedJwt.sign(key, AUDIENCE, now, expiresAt);
            }
            return token;
        }
    }
}
