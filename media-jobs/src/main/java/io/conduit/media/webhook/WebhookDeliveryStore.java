package io.conduit.media.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The dispatcher's side of the outbox tables: claiming due messages and recording how attempts ended.
 *
 * <p>Several dispatchers (media-jobs instances) share the tables. A claim takes due messages with
 * {@code FOR UPDATE SKIP LOCKED}, so concurrent claims never take the same one, numbers the attempt,
 * records it as {@code in_flight} and leases the message until the attempt must have ended; all in one
 * short transaction, so no row lock is held while a receiver is called. Only a dispatcher that died
 * mid-attempt lets a lease run out; the next claim then takes the message over under a new attempt
 * number and marks the lost one {@code abandoned}. Finishing an attempt updates the message only if
 * it still holds the latest attempt number, so a late finisher cannot overwrite a newer attempt.
 */
final class WebhookDeliveryStore {

    /** A message claimed for one attempt. */
    record Claimed(String id, UUID keyGroupId, String url, String payload, int attempt, int roundAttempts,
            String disabledReason) {

        boolean endpointDisabled() {
            return disabledReason != null;
        }
    }

    private static final String CLAIM = """
            with due as (
                select id from webhook_messages
                where status = 'pending' and next_attempt_at <= ? and (leased_until is null or leased_until <= ?)
                order by next_attempt_at
                limit ?
                for update skip locked
            )
            update webhook_messages m
            set attempts = m.attempts + 1, round_attempts = m.round_attempts + 1, leased_until = ?, updated_at = ?
            from due
            where m.id = due.id
            returning m.id, m.key_group_id, m.url, m.payload, m.attempts, m.round_attempts""";

    private static final String ABANDON = """
            update webhook_attempts set outcome = 'abandoned', finished_at = ?,
                   error = 'the dispatcher stopped before this attempt ended; another one took the message over'
            where message_id = any(?) and outcome = 'in_flight'""";

    private static final String START_ATTEMPT = """
            insert into webhook_attempts (message_id, attempt, url, dispatcher, started_at, outcome)
            values (?, ?, ?, ?, ?, 'in_flight')
            on conflict (message_id, attempt) do nothing""";

    private static final String FINISH_ATTEMPT = """
            update webhook_attempts set finished_at = ?, duration_ms = ?, outcome = ?, status_code = ?, error = ?
            where message_id = ? and attempt = ?""";

    private static final String FINISH_MESSAGE = """
            update webhook_messages set status = ?, next_attempt_at = ?, leased_until = null, last_status = ?,
                   last_error = ?, last_attempt_at = ?, delivered_at = coalesce(?, delivered_at), updated_at = ?
            where id = ? and attempts = ?""";

    private static final String ENDPOINT = """
            insert into webhook_endpoints as e (id, url, last_status, last_error, last_attempt_at, last_success_at,
                    consecutive_failures, disabled_at, disabled_reason, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (url) do update set
                last_status = excluded.last_status,
                last_error = excluded.last_error,
                last_attempt_at = excluded.last_attempt_at,
                last_success_at = coalesce(excluded.last_success_at, e.last_success_at),
                consecutive_failures = case when excluded.last_success_at is not null then 0
                                            else e.consecutive_failures + 1 end,
                disabled_reason = case when e.disabled_at is null then excluded.disabled_reason else e.disabled_reason end,
                disabled_at = coalesce(e.disabled_at, excluded.disabled_at),
                updated_at = excluded.updated_at""";

    private final DataSource dataSource;

    WebhookDeliveryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims up to {@code limit} messages due at {@code now}, leased until {@code leaseUntil}. */
    List<Claimed> claim(Instant now, Instant leaseUntil, int limit, String dispatcher) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Claimed> claimed = new ArrayList<>();
                try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                    claim.setTimestamp(1, Timestamp.from(now));
                    claim.setTimestamp(2, Timestamp.from(now));
                    claim.setInt(3, limit);
                    claim.setTimestamp(4, Timestamp.from(leaseUntil));
                    claim.setTimestamp(5, Timestamp.from(now));
                    try (ResultSet rows = claim.executeQuery()) {
                        while (rows.next()) {
                            claimed.add(new Claimed(rows.getString(1), rows.getObject(2, UUID.class), rows.getString(3),
                                    rows.getString(4), rows.getInt(5), rows.getInt(6), null));
                        }
                    }
                }
                if (claimed.isEmpty()) {
                    connection.commit();
                    return claimed;
                }
                String[] ids = claimed.stream().map(Claimed::id).toArray(String[]::new);
                try (PreparedStatement abandon = connection.prepareStatement(ABANDON)) {
                    abandon.setTimestamp(1, Timestamp.from(now));
                    abandon.setArray(2, connection.createArrayOf("text", ids));
                    abandon.executeUpdate();
                }
                try (PreparedStatement start = connection.prepareStatement(START_ATTEMPT)) {
                    for (Claimed message : claimed) {
                        start.setString(1, message.id());
                        start.setInt(2, message.attempt());
                        start.setString(3, message.url());
                        start.setString(4, dispatcher);
                        start.setTimestamp(5, Timestamp.from(now));
                        start.addBatch();
                    }
                    start.executeBatch();
                }
                Map<String, String> disabled = disabledEndpoints(connection,
                        claimed.stream().map(Claimed::url).distinct().toArray(String[]::new));
                connection.commit();
                if (disabled.isEmpty()) {
                    return claimed;
                }
                return claimed.stream().map(c -> disabled.containsKey(c.url())
                        ? new Claimed(c.id(), c.keyGroupId(), c.url(), c.payload(), c.attempt(), c.roundAttempts(),
                                disabled.get(c.url()))
                        : c).toList();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static Map<String, String> disabledEndpoints(Connection connection, String[] urls) throws SQLException {
        Map<String, String> disabled = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select url, coalesce(disabled_reason, 'disabled') from webhook_endpoints
                where url = any(?) and disabled_at is not null""")) {
            select.setArray(1, connection.createArrayOf("text", urls));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    disabled.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return disabled;
    }

    /**
     * Records how an attempt ended and what happens to its message next: {@code status} and, while
     * pending, {@code nextAttempt}. Returns false when a newer attempt had taken the message over
     * (the attempt itself is recorded all the same).
     */
    boolean finish(Claimed message, WebhookSender.Result result, Instant now, String status, Instant nextAttempt)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement attempt = connection.prepareStatement(FINISH_ATTEMPT)) {
                    attempt.setTimestamp(1, Timestamp.from(now));
                    attempt.setLong(2, result.durationMillis());
                    attempt.setString(3, result.outcome().id());
                    setInteger(attempt, 4, result.statusCode());
                    attempt.setString(5, result.error());
                    attempt.setString(6, message.id());
                    attempt.setInt(7, message.attempt());
                    attempt.executeUpdate();
                }
                boolean delivered = result.outcome() == AttemptOutcome.DELIVERED;
                int updated;
                try (PreparedStatement update = connection.prepareStatement(FINISH_MESSAGE)) {
                    update.setString(1, status);
                    update.setTimestamp(2, nextAttempt == null ? null : Timestamp.from(nextAttempt));
                    setInteger(update, 3, result.statusCode());
                    update.setString(4, result.error());
                    update.setTimestamp(5, Timestamp.from(now));
                    update.setTimestamp(6, delivered ? Timestamp.from(now) : null);
                    update.setTimestamp(7, Timestamp.from(now));
                    update.setString(8, message.id());
                    update.setInt(9, message.attempt());
                    updated = update.executeUpdate();
                }
                if (result.outcome() != AttemptOutcome.ENDPOINT_DISABLED && message.url() != null) {
                    recordEndpoint(connection, message.url(), result, now);
                }
                connection.commit();
                return updated == 1;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void recordEndpoint(Connection connection, String url, WebhookSender.Result result, Instant now)
            throws SQLException {
        boolean delivered = result.outcome() == AttemptOutcome.DELIVERED;
        boolean gone = result.outcome() == AttemptOutcome.GONE;
        try (PreparedStatement endpoint = connection.prepareStatement(ENDPOINT)) {
            endpoint.setObject(1, UUID.randomUUID());
            endpoint.setString(2, url);
            setInteger(endpoint, 3, result.statusCode());
            endpoint.setString(4, result.error());
            endpoint.setTimestamp(5, Timestamp.from(now));
            endpoint.setTimestamp(6, delivered ? Timestamp.from(now) : null);
            endpoint.setInt(7, delivered ? 0 : 1);
            endpoint.setTimestamp(8, gone ? Timestamp.from(now) : null);
            endpoint.setString(9, gone ? "the receiver answered 410 Gone" : null);
            endpoint.setTimestamp(10, Timestamp.from(now));
            endpoint.setTimestamp(11, Timestamp.from(now));
            endpoint.executeUpdate();
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
