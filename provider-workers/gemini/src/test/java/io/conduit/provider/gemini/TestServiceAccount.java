package io.conduit.provider.gemini;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Google service account made up for tests: a fresh RSA key pair and the key file JSON Google
 * would issue for it (https://cloud.google.com/iam/docs/keys-create-delete), to configure as a
 * {@code vertex_ai} provider's {@code api_key} and to verify its self-signed JWTs with.
 */
public record TestServiceAccount(String projectId, String clientEmail, String privateKeyId, KeyPair keyPair) {

    public static TestServiceAccount generate(String projectId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestServiceAccount(projectId, "conduit-test@" + projectId + ".iam.gserviceaccount.com",
                    UUID.randomUUID().toString().replace("-", ""), generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** The key file, as downloaded from the Cloud console. */
    public String json() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keyPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode key = JsonMapper.builder().build().createObjectNode()
                .put("type", "service_account")
                .put("project_id", projectId)
                .put("private_key_id", privateKeyId)
                .put("private_key", pem)
                .put("client_email", clientEmail)
                .put("client_id", "104637182934561728394")
                .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", "https://oauth2.googleapis.com/token")
                .put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs")
                .put("client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/" + clientEmail)
                .put("universe_domain", "googleapis.com");
        return key.toPrettyString();
    }

    @Override
    public String toString() {
        return "TestServiceAccount[" + clientEmail + "]";
    }
}
