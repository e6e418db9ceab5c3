package io.conduit.provider.gemini;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Google service-account key file ({@code "type": "service_account"} JSON), as far as signing
 * JWTs needs it. {@link #toString()} leaves the private key out.
 *
 * @param clientEmail the account's e-mail, the JWT's issuer and subject
 * @param privateKeyId id of the key, the JWT's {@code kid}
 * @param privateKey the RSA key the JWT is signed with
 * @param projectId the project the account belongs to, null when the file has none
 */
record ServiceAccountKey(String clientEmail, String privateKeyId, PrivateKey privateKey, String projectId) {

    /**
     * Reads a key file.
     *
     * @throws IllegalArgumentException when it is not one; the message never quotes the key
     */
    static ServiceAccountKey parse(String json) {
        JsonNode root;
        try {
            root = GeminiJson.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the service-account key is not valid JSON");
        }
        String email = required(root, "client_email");
        String keyId = required(root, "private_key_id");
        String pem = required(root, "private_key");
        return new ServiceAccountKey(email, keyId, rsaKey(pem), GeminiJson.text(root.path("project_id")));
    }

    private static String required(JsonNode root, String field) {
        String value = GeminiJson.text(root.path(field));
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the service-account key has no '" + field + "'");
        }
        return value;
    }

    private static PrivateKey rsaKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the service-account 'private_key' is not a PKCS#8 RSA key");
        }
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + ", key " + privateKeyId + "]";
    }
}
