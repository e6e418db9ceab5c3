package io.conduit.provider.replicate;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.media.MediaFailures;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replicate's webhooks, for the caller that receives them: the body is a prediction, read with
 * {@link #status(byte[])} (the same reading as a poll); each request is signed (Standard Webhooks):
 * headers {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}
 * ({@code v1,<base64>} entries, space-separated), the signature being HMAC-SHA256 of
 * {@code id.timestamp.body} under the account's signing secret ({@code whsec_<base64 key>}), which
 * {@link #secretRequest} fetches ({@code GET /webhooks/default/secret} → {@code {"key"}}). No I/O here.
 *
 * <p>Documentation: https://replicate.com/docs/topics/webhooks/receive-webhook,
 * https://replicate.com/docs/topics/webhooks/verify-webhook.
 */
public final class ReplicateWebhooks {

    /** How far a webhook's timestamp may be from now (Standard Webhooks' replay window). */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private ReplicateWebhooks() {}

    /** The request for the account's webhook signing secret. */
    public static UpstreamRequest secretRequest(ProviderEndpoint endpoint) {
        return UpstreamRequest.get(endpoint.resolve("/webhooks/default/secret"), Predictions.headers(endpoint));
    }

    /** The signing secret ({@code whsec_...}) from a successful {@link #secretRequest} answer. */
    public static String secret(byte[] body) {
        String key;
        try {
            key = Predictions.JSON.readTree(body).path("key").asString("");
        } catch (RuntimeException e) {
            key = "";
        }
        if (!key.startsWith("whsec_")) {
            throw MediaFailures.unreadable("Replicate", "webhook secret");
        }
        return key;
    }

    /** The status a webhook reports. */
    public static VideoStatus status(byte[] body) {
        return new ReplicateVideos().status(body);
    }

    /**
     * Whether a webhook request is Replicate's: one of its signatures matches and its timestamp is within
     * {@link #TOLERANCE} of {@code now}.
     *
     * @param secret the signing secret, {@code whsec_<base64>}
     * @param header reads a request header by name (case-insensitively), null when absent
     * @param body the raw request body, exactly as received
     */
    public static boolean verify(String secret, Function<String, String> header, byte[] body, Instant now) {
        String id = header.apply("webhook-id");
        String timestamp = header.apply("webhook-timestamp");
        String signatures = header.apply("webhook-signature");
        if (id == null || timestamp == null || signatures == null || secret == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
            if (Duration.between(sent, now).abs().compareTo(TOLERANCE) > 0) {
                return false;
            }
            byte[] expected = sign(secret, id, timestamp.strip(), body);
            for (String signature : signatures.strip().split(" ")) {
                int comma = signature.indexOf(',');
                if (comma > 0 && MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(comma + 1)))) {
                    return true;
                }
            }
            return false;
        } catch (IllegalArgumentException e) {
            return false; // a malformed timestamp, secret or signature
        }
    }

    /** The HMAC-SHA256 of {@code id.timestamp.body} under the secret (what Replicate puts after {@code v1,}). */
    public static byte[] sign(String secret, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
