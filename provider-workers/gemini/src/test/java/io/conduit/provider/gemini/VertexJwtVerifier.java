package io.conduit.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a self-signed service-account JWT the way Google does for "service account authorization
 * without OAuth" (https://developers.google.com/identity/protocols/oauth2/service-account#jwt-auth):
 * RS256 signature by the account's key, {@code kid} its key id, {@code iss} = {@code sub} = its
 * e-mail, {@code aud} the service, not expired, valid at most an hour.
 */
public final class VertexJwtVerifier {

    public static final String AUDIENCE = "https://aiplatform.googleapis.com/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PublicKey publicKey;
    private final String clientEmail;
    private final String keyId;
    private final Clock clock;

    public VertexJwtVerifier(PublicKey publicKey, String clientEmail, String keyId, Clock clock) {
        this.publicKey = publicKey;
        this.clientEmail = clientEmail;
        this.keyId = keyId;
        this.clock = clock;
    }

    /** Why the token is refused, or null when it is good. */
    public String problem(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return "not a JWT";
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "bad signature";
            }
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = clock.instant().getEpochSecond();
            if (!"RS256".equals(header.path("alg").asString(null)) || !keyId.equals(header.path("kid").asString(null))) {
                return "wrong header";
            }
            if (!clientEmail.equals(claims.path("iss").asString(null))
                    || !clientEmail.equals(claims.path("sub").asString(null))) {
                return "wrong issuer or subject";
            }
            if (!AUDIENCE.equals(claims.path("aud").asString(null))) {
                return "wrong audience";
            }
            long iat = claims.path("iat").asLong(0);
            long exp = claims.path("exp").asLong(0);
            if (exp <= now || iat > now + 300 || exp - iat > 3600) {
                return "expired or too long-lived";
            }
            return null;
        } catch (GeneralSecurityException | IllegalArgumentException | JacksonException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        }
    }
}
