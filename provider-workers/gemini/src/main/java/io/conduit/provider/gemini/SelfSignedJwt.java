package io.conduit.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JWT a service account signs itself and sends as its bearer token, instead of trading it for an
 * OAuth access token: "Addendum: Service account authorization without OAuth" of
 * https://developers.google.com/identity/protocols/oauth2/service-account and AIP-4111
 * (https://google.aip.dev/auth/4111). Header {@code {"alg":"RS256","typ":"JWT","kid":private_key_id}};
 * claims {@code iss} = {@code sub} = the account's e-mail, {@code aud} = {@code https://SERVICE/},
 * {@code iat}, {@code exp} at most an hour later. Signed with the JDK's SHA256withRSA.
 */
final class SelfSignedJwt {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SelfSignedJwt() {}

    static String sign(ServiceAccountKey key, String audience, long issuedAtEpochSecond, long expiresAtEpochSecond) {
        ObjectNode header = GeminiJson.MAPPER.createObjectNode()
                .put("alg", "RS256")
                .put("typ", "JWT")
                .put("kid", key.privateKeyId());
        ObjectNode claims = GeminiJson.MAPPER.createObjectNode()
                .put("iss", key.clientEmail())
                .put("sub", key.clientEmail())
                .put("aud", audience)
                .put("iat", issuedAtEpochSecond)
                .put("exp", expiresAtEpochSecond);
        String signingInput = BASE64URL.encodeToString(GeminiJson.bytes(header)) + "."
                + BASE64URL.encodeToString(GeminiJson.bytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a JWT with the service-account key", e);
        }
    }
}
