package io.conduit.media.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

    static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }

    @Test
    void signs_the_reference_example_of_the_standard_webhooks_library() {
        assertThat(WebhookSignatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_signature_is_verified_by_the_standard_webhooks_library() throws Exception {
        String secret = WebhookSignatures.newSecret();
        long now = Instant.now().getEpochSecond();
        String body = WebhookPayload.body("video.completed", Instant.now(), "{\"id\":\"video_1\",\"status\":\"completed\"}");
        String header = WebhookSignatures.header(List.of(secret), "msg_1", now, body);

        new Webhook(secret).verify(body, headers("msg_1", now, header));

        assertThatThrownBy(() -> new Webhook(secret).verify(body + " ", headers("msg_1", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(secret).verify(body, headers("msg_2", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void during_rotation_both_the_new_and_the_previous_secret_verify() throws Exception {
        String current = WebhookSignatures.newSecret();
        String previous = WebhookSignatures.newSecret();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignatures.header(List.of(current, previous), "msg_rotating", now, "{}");

        assertThat(header.split(" ")).hasSize(2).allMatch(signature -> signature.startsWith("v1,"));
        new Webhook(current).verify("{}", headers("msg_rotating", now, header));
        new Webhook(previous).verify("{}", headers("msg_rotating", now, header));
        assertThatThrownBy(() -> new Webhook(WebhookSignatures.newSecret()).verify("{}", headers("msg_rotating", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void secrets_are_whsec_and_base64_of_32_random_bytes() {
        String secret = WebhookSignatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSignatures.newSecret()).isNotEqualTo(secret);
        assertThatThrownBy(() -> WebhookSignatures.key("whsec_" + Base64.getEncoder().encodeToString(new byte[8])))
                .hasMessageContaining("24 to 64 bytes");
        assertThatThrownBy(() -> WebhookSignatures.key("sk-not-a-webhook-secret")).hasMessageContaining("whsec_");
    }

    @Test
    void webhook_ids_cannot_carry_the_separator_or_header_breaks() {
        assertThat(WebhookSignatures.isValidId("msg_job_01HX:completed")).isTrue();
        assertThat(WebhookSignatures.isValidId("msg.1")).isFalse();
        assertThat(WebhookSignatures.isValidId("msg\r\nx: y")).isFalse();
        assertThat(WebhookSignatures.isValidId("")).isFalse();
        assertThat(WebhookSignatures.isValidId(null)).isFalse();
    }

    @Test
    void the_payload_is_type_timestamp_and_the_data_as_given() {
        Instant at = Instant.parse("2026-11-24T10:15:30.123456Z");
        assertThat(WebhookPayload.body("video.completed", at, "{\"id\":\"video_1\",\"progress\":100}"))
                .isEqualTo("{\"type\":\"video.completed\",\"timestamp\":\"2026-11-24T10:15:30.123456Z\","
                        + "\"data\":{\"id\":\"video_1\",\"progress\":100}}");
        assertThatThrownBy(() -> WebhookPayload.body("video completed", at, "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookPayload.body("video.completed", at, "[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> WebhookPayload.body("video.completed", at, "{not json")).hasMessageContaining("JSON object");
    }
}
