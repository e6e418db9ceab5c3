package io.conduit.media.webhook;

import io.conduit.contracts.security.CredentialCipher;
import io.conduit.media.webhook.WebhookViews.Attempt;
import io.conduit.media.webhook.WebhookViews.Endpoint;
import io.conduit.media.webhook.WebhookViews.Message;
import io.conduit.media.webhook.WebhookViews.NewSecret;
import io.conduit.media.webhook.WebhookViews.Redelivery;
import io.conduit.media.webhook.WebhookViews.RedeliveryResult;
import io.conduit.media.webhook.WebhookViews.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What operators do with webhooks (the admin API calls it): each key group's default URL and signing
 * secret, the delivery log, redelivery, and endpoints disabled after a 410. A {@code null} key group
 * means keys without a group. Invalid input throws {@link IllegalArgumentException} with a message fit
 * for an error body; a secret is returned only by {@link #rotateSecret}, once.
 */
public final class WebhookAdmin {

    public static final Set<String> STATUSES = Set.of("pending", "delivered", "failed", "skipped");

    private static final String MESSAGE_COLUMNS = """
            id, key_group_id, type, url, requested_url, status, attempts, next_attempt_at, last_status, last_error,
            occurred_at, last_attempt_at, delivered_at, created_at, updated_at""";
    private static final String ENDPOINT_COLUMNS = """
            id, url, disabled_at, disabled_reason, last_status, last_error, last_attempt_at, last_success_at,
            consecutive_failures, created_at, updated_at""";

    private final DataSource dataSource;
    private final CredentialCipher cipher;
    private final Clock clock;
    private final Duration secretGracePeriod;

    public WebhookAdmin(DataSource dataSource, CredentialCipher cipher, Clock clock, Duration secretGracePeriod) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.clock = clock;
        this.secretGracePeriod = secretGracePeriod;
    }

    /** A key group's id from its id or name. */
    public Optional<UUID> keyGroup(String idOrName) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select id from key_groups where id::text = ? or name = ? order by (id::text = ?) desc limit 1")) {
            select.setString(1, idOrName);
            select.setString(2, idOrName);
            select.setString(3, idOrName);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    public Settings settings(UUID keyGroup) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return settings(connection, keyGroup);
        }
    }

    /** Sets (or, with null, clears) the URL used for jobs without their own. */
    public Settings updateDefaultUrl(UUID keyGroup, String defaultUrl) throws SQLException {
        String url = defaultUrl == null || defaultUrl.isBlank() ? null : defaultUrl.strip();
        if (url != null) {
            String invalid = WebhookUrls.validate(url);
            if (invalid != null) {
                throw new IllegalArgumentException(invalid.replace("'webhook_url'", "'default_url'"));
            }
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into webhook_settings (scope, key_group_id, default_url, updated_at) values (?, ?, ?, ?)
                        on conflict (scope) do update set default_url = excluded.default_url, updated_at = excluded.updated_at""")) {
            upsert.setString(1, PostgresWebhookOutbox.scope(keyGroup));
            upsert.setObject(2, keyGroup);
            upsert.setString(3, url);
            upsert.setTimestamp(4, Timestamp.from(clock.instant()));
            upsert.executeUpdate();
            return settings(connection, keyGroup);
        }
    }

    /**
     * Replaces the signing secret with a new one and returns it: the only time it is shown. The
     * previous secret keeps signing (next to the new one) for {@code gracePeriod}, or the configured
     * grace period when null; zero drops it at once (e.g. after a leak).
     */
    public NewSecret rotateSecret(UUID keyGroup, Duration gracePeriod) throws SQLException {
        Duration grace = gracePeriod == null ? secretGracePeriod : gracePeriod;
        if (grace.isNegative()) {
            throw new IllegalArgumentException("'grace_period_seconds' must not be negative.");
        }
        String scope = PostgresWebhookOutbox.scope(keyGroup);
        String secret = WebhookSignatures.newSecret();
        Instant now = clock.instant();
        Instant previousUntil = grace.isZero() ? null : now.plus(grace);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement ensure = connection.prepareStatement("""
                        insert into webhook_settings (scope, key_group_id, updated_at) values (?, ?, ?)
                        on conflict (scope) do nothing""")) {
                    ensure.setString(1, scope);
                    ensure.setObject(2, keyGroup);
                    ensure.setTimestamp(3, Timestamp.from(now));
                    ensure.executeUpdate();
                }
                try (PreparedStatement rotate = connection.prepareStatement("""
                        update webhook_settings set
                            previous_secret_ciphertext = case when cast(? as timestamptz) is null then null else secret_ciphertext end,
                            previous_secret_expires_at = case when secret_ciphertext is null then null else cast(? as timestamptz) end,
                            secret_ciphertext = ?, secret_created_at = ?, updated_at = ?
                        where scope = ?""")) {
                    Timestamp until = previousUntil == null ? null : Timestamp.from(previousUntil);
                    rotate.setTimestamp(1, until);
                    rotate.setTimestamp(2, until);
                    rotate.setString(3, cipher.encrypt(secret));
                    rotate.setTimestamp(4, Timestamp.from(now));
                    rotate.setTimestamp(5, Timestamp.from(now));
                    rotate.setString(6, scope);
                    rotate.executeUpdate();
                }
                Settings settings = settings(connection, keyGroup);
                connection.commit();
                return new NewSecret(keyGroup == null ? null : keyGroup.toString(), secret, now,
                        settings.previousSecretExpiresAt());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Messages, newest first, optionally of one key group and/or in one status. */
    public List<Message> messages(UUID keyGroup, String status, int limit, int offset) throws SQLException {
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("'status' must be one of: pending, delivered, failed, skipped.");
        }
        StringBuilder sql = new StringBuilder("select " + MESSAGE_COLUMNS + " from webhook_messages where true");
        List<Object> params = new ArrayList<>();
        if (keyGroup != null) {
            sql.append(" and key_group_id = ?");
            params.add(keyGroup);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        sql.append(" order by created_at desc, id desc limit ? offset ?");
        params.add(limit);
        params.add(offset);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            List<Message> messages = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    messages.add(message(rows));
                }
            }
            return messages;
        }
    }

    /** One message with its payload and every attempt. */
    public Optional<Message> message(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return message(connection, id);
        }
    }

    /**
     * Sends a message again with the same {@code webhook-id}: due now, with a fresh round of the
     * retry schedule, whatever its status. A message without a URL takes its key group's current default.
     */
    public Redelivery redeliver(String id) throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                String url;
                UUID keyGroup;
                try (PreparedStatement select = connection.prepareStatement(
                        "select url, key_group_id, status, leased_until from webhook_messages where id = ? for update")) {
                    select.setString(1, id);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            connection.rollback();
                            return new Redelivery(RedeliveryResult.NOT_FOUND, null);
                        }
                        url = row.getString(1);
                        keyGroup = row.getObject(2, UUID.class);
                        Instant leasedUntil = instant(row.getTimestamp(4));
                        if ("pending".equals(row.getString(3)) && leasedUntil != null && leasedUntil.isAfter(now)) {
                            return unchanged(connection, RedeliveryResult.IN_FLIGHT, id);
                        }
                    }
                }
                if (url == null) {
                    url = PostgresWebhookOutbox.defaultUrl(connection, keyGroup);
                    if (url == null) {
                        return unchanged(connection, RedeliveryResult.NO_URL, id);
                    }
                }
                try (PreparedStatement disabled = connection.prepareStatement(
                        "select 1 from webhook_endpoints where url = ? and disabled_at is not null")) {
                    disabled.setString(1, url);
                    try (ResultSet row = disabled.executeQuery()) {
                        if (row.next()) {
                            return unchanged(connection, RedeliveryResult.ENDPOINT_DISABLED, id);
                        }
                    }
                }
                try (PreparedStatement update = connection.prepareStatement("""
                        update webhook_messages set status = 'pending', url = ?, next_attempt_at = ?, round_attempts = 0,
                               leased_until = null, updated_at = ?
                        where id = ?""")) {
                    update.setString(1, url);
                    update.setTimestamp(2, Timestamp.from(now));
                    update.setTimestamp(3, Timestamp.from(now));
                    update.setString(4, id);
                    update.executeUpdate();
                }
                Message scheduled = message(connection, id).orElseThrow();
                connection.commit();
                return new Redelivery(RedeliveryResult.SCHEDULED, scheduled);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static Redelivery unchanged(Connection connection, RedeliveryResult result, String id) throws SQLException {
        Message message = message(connection, id).orElseThrow();
        connection.rollback();
        return new Redelivery(result, message);
    }

    /** Endpoints, most recently used first; {@code disabled} filters when not null. */
    public List<Endpoint> endpoints(Boolean disabled) throws SQLException {
        String where = disabled == null ? "" : disabled ? " where disabled_at is not null" : " where disabled_at is null";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select " + ENDPOINT_COLUMNS
                        + " from webhook_endpoints" + where + " order by last_attempt_at desc nulls last, url")) {
            List<Endpoint> endpoints = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    endpoints.add(endpoint(rows));
                }
            }
            return endpoints;
        }
    }

    /** Lets an endpoint receive webhooks again (messages that failed meanwhile need a redelivery). */
    public Optional<Endpoint> enableEndpoint(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update webhook_endpoints set disabled_at = null,"
                        + " disabled_reason = null, consecutive_failures = 0, updated_at = ? where id = ? returning "
                        + ENDPOINT_COLUMNS)) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setObject(2, id);
            try (ResultSet row = update.executeQuery()) {
                return row.next() ? Optional.of(endpoint(row)) : Optional.empty();
            }
        }
    }

    private static Settings settings(Connection connection, UUID keyGroup) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select default_url, secret_ciphertext is not null, secret_created_at, previous_secret_ciphertext is not null,
                       previous_secret_expires_at, updated_at
                from webhook_settings where scope = ?""")) {
            select.setString(1, PostgresWebhookOutbox.scope(keyGroup));
            String group = keyGroup == null ? null : keyGroup.toString();
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new Settings(group, null, false, null, null, null);
                }
                return new Settings(group, row.getString(1), row.getBoolean(2), instant(row.getTimestamp(3)),
                        row.getBoolean(4) ? instant(row.getTimestamp(5)) : null, instant(row.getTimestamp(6)));
            }
        }
    }

    private static Optional<Message> message(Connection connection, String id) throws SQLException {
        Message message;
        String payload;
        try (PreparedStatement select = connection.prepareStatement(
                "select " + MESSAGE_COLUMNS + ", payload from webhook_messages where id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                message = message(row);
                payload = row.getString("payload");
            }
        }
        List<Attempt> attempts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select attempt, url, dispatcher, started_at, finished_at, duration_ms, outcome, status_code, error
                from webhook_attempts where message_id = ? order by attempt""")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(new Attempt(rows.getInt(1), rows.getString(2), rows.getString(3),
                            instant(rows.getTimestamp(4)), instant(rows.getTimestamp(5)),
                            (Long) rows.getObject(6), rows.getString(7), (Integer) rows.getObject(8), rows.getString(9)));
                }
            }
        }
        return Optional.of(message.withDetail(payload, attempts));
    }

    private static Message message(ResultSet row) throws SQLException {
        UUID group = row.getObject("key_group_id", UUID.class);
        return new Message(row.getString("id"), group == null ? null : group.toString(), row.getString("type"),
                row.getString("url"), row.getString("requested_url"), row.getString("status"), row.getInt("attempts"),
                instant(row.getTimestamp("next_attempt_at")), (Integer) row.getObject("last_status"),
                row.getString("last_error"), instant(row.getTimestamp("occurred_at")),
                instant(row.getTimestamp("last_attempt_at")), instant(row.getTimestamp("delivered_at")),
                instant(row.getTimestamp("created_at")), instant(row.getTimestamp("updated_at")), null, null);
    }

    private static Endpoint endpoint(ResultSet row) throws SQLException {
        Instant disabledAt = instant(row.getTimestamp("disabled_at"));
        return new Endpoint(row.getObject("id", UUID.class).toString(), row.getString("url"), disabledAt != null,
                disabledAt, row.getString("disabled_reason"), (Integer) row.getObject("last_status"),
                row.getString("last_error"), instant(row.getTimestamp("last_attempt_at")),
                instant(row.getTimestamp("last_success_at")), row.getInt("consecutive_failures"),
                instant(row.getTimestamp("created_at")), instant(row.getTimestamp("updated_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
