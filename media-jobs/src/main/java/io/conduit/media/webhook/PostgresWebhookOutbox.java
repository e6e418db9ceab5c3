package io.conduit.media.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The outbox in PostgreSQL ({@code webhook_messages}, schema in the admin module's
 * {@code V10__webhooks.sql}). A message is written in the caller's transaction, so it exists exactly
 * when the job change that caused it commits; its id is the primary key and a second enqueue of the
 * same id changes nothing. The URL is settled here: the job's own, else its key group's
 * {@code default_url}; with neither the message is stored as {@code skipped} (nothing is sent) so the
 * delivery log still says why; a job URL that breaks the rules of {@link WebhookUrls} is stored as
 * {@code failed} with the reason, so a bad URL never rolls back the job change.
 *
 * <p>Programming errors throw {@link IllegalArgumentException}: a webhook id that is not 1-255 of
 * {@code A-Z a-z 0-9 _ - :} (no '.', which separates the signed parts), a key group that is not a
 * UUID, a type that is not dot-separated {@code [a-zA-Z0-9_]} identifiers, data that is not a JSON object.
 */
public final class PostgresWebhookOutbox implements WebhookOutbox {

    static final String GLOBAL_SCOPE = "global";

    private static final String INSERT = """
            insert into webhook_messages (id, key_group_id, requested_url, url, type, payload, occurred_at, status,
                    next_attempt_at, last_error, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do nothing""";

    private final Clock clock;
    private final RetrySchedule schedule;

    public PostgresWebhookOutbox(Clock clock, RetrySchedule schedule) {
        this.clock = clock;
        this.schedule = schedule;
    }

    @Override
    public void enqueue(Connection transaction, WebhookMessage message) throws SQLException {
        if (!WebhookSignatures.isValidId(message.webhookId())) {
            throw new IllegalArgumentException("webhook id must be 1-255 of A-Z a-z 0-9 _ - :, was " + message.webhookId());
        }
        UUID keyGroup = message.keyGroupId() == null || message.keyGroupId().isBlank() ? null
                : UUID.fromString(message.keyGroupId());
        String payload = WebhookPayload.body(message.type(), message.at(), message.dataJson());
        String requested = message.url() == null || message.url().isBlank() ? null : message.url().strip();

        String url = requested;
        String status = "pending";
        String error = null;
        if (requested != null) {
            String invalid = WebhookUrls.validate(requested);
            if (invalid != null) {
                status = "failed";
                error = "invalid webhook URL: " + invalid;
            }
        } else {
            url = defaultUrl(transaction, keyGroup);
            if (url == null) {
                status = "skipped";
                error = keyGroup == null
                        ? "no webhook URL: the job has none and no global default_url is set"
                        : "no webhook URL: the job has none and its key group has no default_url";
            }
        }
        Instant now = clock.instant();
        try (PreparedStatement insert = transaction.prepareStatement(INSERT)) {
            insert.setString(1, message.webhookId());
            insert.setObject(2, keyGroup);
            insert.setString(3, requested);
            insert.setString(4, url);
            insert.setString(5, message.type());
            insert.setString(6, payload);
            insert.setTimestamp(7, Timestamp.from(message.at()));
            insert.setString(8, status);
            insert.setTimestamp(9, "pending".equals(status) ? Timestamp.from(now.plus(schedule.first())) : null);
            insert.setString(10, error);
            insert.setTimestamp(11, Timestamp.from(now));
            insert.setTimestamp(12, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    /** The default URL of the key group (or of keys without one), or null. */
    static String defaultUrl(Connection connection, UUID keyGroup) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select default_url from webhook_settings where scope = ?")) {
            select.setString(1, scope(keyGroup));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    static String scope(UUID keyGroup) {
        return keyGroup == null ? GLOBAL_SCOPE : keyGroup.toString();
    }
}
