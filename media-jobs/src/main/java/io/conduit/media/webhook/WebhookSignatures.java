package io.conduit.media.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures: secrets are {@code whsec_} + base64 of 24 to 64 random bytes
 * (ours have 32); a signature is {@code v1,} + base64(HMAC-SHA256(secret bytes, "id.timestamp.body")),
 * and the {@code webhook-signature} header lists one per secret, space-separated, so a receiver
 * can roll over to a new secret while the previous one still verifies.
 */
public final class WebhookSignatures {

    public static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What a webhook id may contain: no '.', which separates the signed parts, and nothing a header cannot carry. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-:]{1,255}");

    private WebhookSignatures() {}

    /** A fresh secret in its shown form, {@code whsec_…}. */
    public static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The key bytes of a {@code whsec_…} secret; throws for anything else. */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("A webhook secret starts with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A webhook secret is " + SECRET_PREFIX + " followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("A webhook secret holds 24 to 64 bytes");
        }
        return key;
    }

    /** Whether an id can be a {@code webhook-id}: 1 to 255 of {@code A-Z a-z 0-9 _ - :}. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** One {@code v1,…} signature of the message with one secret. */
    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((webhookId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The {@code webhook-signature} header: one signature per secret (current first), space-separated. */
    public static String header(List<String> secrets, String webhookId, long timestampSeconds, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs a webhook");
        }
        StringBuilder header = new StringBuilder();
        for (String secret : secrets) {
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append(sign(secret, webhookId, timestampSeconds, body));
        }
        return header.toString();
    }
}
