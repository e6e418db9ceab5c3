package io.conduit.media.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/** What the admin API shows of webhooks (JSON field names as rendered). None of them carries a secret but {@link NewSecret}. */
public final class WebhookViews {

    private WebhookViews() {}

    /**
     * Webhook settings of a key group ({@code key_group_id} null: of keys without a group).
     *
     * @param secretConfigured whether a signing secret exists (it is never shown again after rotation)
     * @param previousSecretExpiresAt until when the previous secret still signs, null when none does
     */
    public record Settings(
            @JsonProperty("key_group_id") String keyGroupId,
            @JsonProperty("default_url") String defaultUrl,
            @JsonProperty("secret_configured") boolean secretConfigured,
            @JsonProperty("secret_created_at") Instant secretCreatedAt,
            @JsonProperty("previous_secret_expires_at") Instant previousSecretExpiresAt,
            @JsonProperty("updated_at") Instant updatedAt) {}

    /** A new signing secret: shown once, in the answer to the rotation. */
    public record NewSecret(
            @JsonProperty("key_group_id") String keyGroupId,
            @JsonProperty("secret") String secret,
            @JsonProperty("secret_created_at") Instant secretCreatedAt,
            @JsonProperty("previous_secret_expires_at") Instant previousSecretExpiresAt) {

        @Override
        public String toString() {
            return "NewSecret[keyGroupId=" + keyGroupId + ", secret=…, secretCreatedAt=" + secretCreatedAt + "]";
        }
    }

    /**
     * A message of the outbox. {@code payload} and {@code attempts} are filled when one message is asked for.
     *
     * @param status {@code pending}, {@code delivered}, {@code failed} or {@code skipped} (no URL: nothing sent)
     * @param attemptCount attempts made in all
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(
            @JsonProperty("id") String id,
            @JsonProperty("key_group_id") String keyGroupId,
            @JsonProperty("type") String type,
            @JsonProperty("url") String url,
            @JsonProperty("requested_url") String requestedUrl,
            @JsonProperty("status") String status,
            @JsonProperty("attempt_count") int attemptCount,
            @JsonProperty("next_attempt_at") Instant nextAttemptAt,
            @JsonProperty("last_status_code") Integer lastStatusCode,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("occurred_at") Instant occurredAt,
            @JsonProperty("last_attempt_at") Instant lastAttemptAt,
            @JsonProperty("delivered_at") Instant deliveredAt,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt,
            @JsonProperty("payload") @JsonRawValue String payload,
            @JsonProperty("attempts") List<Attempt> attempts) {

        Message withDetail(String payload, List<Attempt> attempts) {
            return new Message(id, keyGroupId, type, url, requestedUrl, status, attemptCount, nextAttemptAt,
                    lastStatusCode, lastError, occurredAt, lastAttemptAt, deliveredAt, createdAt, updatedAt, payload,
                    attempts);
        }
    }

    /** One delivery attempt as the delivery log recorded it. */
    public record Attempt(
            @JsonProperty("attempt") int attempt,
            @JsonProperty("url") String url,
            @JsonProperty("dispatcher") String dispatcher,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("duration_ms") Long durationMs,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("status_code") Integer statusCode,
            @JsonProperty("error") String error) {}

    /** A receiving URL and how it has answered; a disabled one gets nothing until it is enabled again. */
    public record Endpoint(
            @JsonProperty("id") String id,
            @JsonProperty("url") String url,
            @JsonProperty("disabled") boolean disabled,
            @JsonProperty("disabled_at") Instant disabledAt,
            @JsonProperty("disabled_reason") String disabledReason,
            @JsonProperty("last_status_code") Integer lastStatusCode,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("last_attempt_at") Instant lastAttemptAt,
            @JsonProperty("last_success_at") Instant lastSuccessAt,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {}

    /** What a redelivery request came to. */
    public enum RedeliveryResult {
        /** Due now, with a fresh round of the retry schedule. */
        SCHEDULED,
        NOT_FOUND,
        /** A dispatcher is delivering it right now. */
        IN_FLIGHT,
        /** Its endpoint is disabled: enable it first. */
        ENDPOINT_DISABLED,
        /** Neither the job nor its key group has a webhook URL. */
        NO_URL
    }

    /** A redelivery's result and the message as it is now (null when not found). */
    public record Redelivery(RedeliveryResult result, Message message) {}
}
