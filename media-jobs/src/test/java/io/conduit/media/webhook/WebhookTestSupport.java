package io.conduit.media.webhook;

import io.conduit.contracts.security.CredentialCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** A fresh database, a movable clock, dispatchers and helpers for the webhook integration tests. */
class WebhookTestSupport implements AutoCloseable {

    static final CredentialCipher CIPHER = CredentialCipher.fromBase64(CredentialCipher.newBase64Key());

    final DataSource db = TestDatabase.fresh();
    final MutableClock clock;
    final WebhookAdmin admin;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private int dispatchers;

    WebhookTestSupport(Instant start) {
        this.clock = new MutableClock(start);
        this.admin = new WebhookAdmin(db, CIPHER, clock, Duration.ofHours(24));
    }

    /** Defaults, but receivers on 127.0.0.1 allowed, no jitter and a short poll interval. */
    static WebhookProperties loopbackProperties() {
        return WebhookProperties.defaults().withAllowedNetworks(List.of("127.0.0.1/32"))
                .withRetrySchedule(WebhookProperties.defaults().retrySchedule(), 0).withPollInterval(Duration.ofMillis(50));
    }

    WebhookDispatcher dispatcher(WebhookProperties properties) {
        return dispatcher(properties, HostResolver.SYSTEM, new PinnedHttpClient());
    }

    WebhookDispatcher dispatcher(WebhookProperties properties, HostResolver resolver, PinnedHttpClient http) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(db, CIPHER, properties, clock, resolver, http,
                "dispatcher-" + (++dispatchers));
        closeables.add(dispatcher);
        return dispatcher;
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    WebhookOutbox outbox(WebhookProperties properties) {
        return new PostgresWebhookOutbox(clock, new RetrySchedule(properties.retrySchedule(), properties.jitter()));
    }

    /** Enqueues in a committed transaction of its own, as the job state machine would with its change. */
    void enqueue(WebhookOutbox outbox, WebhookMessage... messages) throws SQLException {
        try (Connection transaction = db.getConnection()) {
            transaction.setAutoCommit(false);
            for (WebhookMessage message : messages) {
                outbox.enqueue(transaction, message);
            }
            transaction.commit();
        }
    }

    static WebhookMessage message(String id, String keyGroup, String url) {
        return new WebhookMessage(id, keyGroup, url, "video.completed",
                "{\"id\":\"" + id + "\",\"object\":\"video\",\"status\":\"completed\",\"progress\":100}", Instant.now());
    }

    String keyGroup(String name) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = db.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into key_groups (id, name) values (?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        }
        return id.toString();
    }

    /** The group's signing secret, made known by rotating it (previous secret dropped at once). */
    String secret(String keyGroup) throws SQLException {
        return admin.rotateSecret(keyGroup == null ? null : UUID.fromString(keyGroup), Duration.ZERO).secret();
    }

    WebhookViews.Message stored(String id) throws SQLException {
        return admin.message(id).orElseThrow();
    }

    /** Attempts that have ended (not in flight). */
    int finishedAttempts(String id) throws SQLException {
        return scalar("select count(*) from webhook_attempts where message_id = ? and outcome <> 'in_flight'", id);
    }

    int scalar(String sql, Object... params) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setObject(i + 1, params[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Every text value of the webhook tables, for searching them for secrets. */
    List<String> allStoredText() throws SQLException {
        List<String> texts = new ArrayList<>();
        for (String table : List.of("webhook_messages", "webhook_attempts", "webhook_endpoints")) {
            try (Connection connection = db.getConnection();
                    PreparedStatement select = connection.prepareStatement("select t::text from " + table + " t");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    texts.add(rows.getString(1));
                }
            }
        }
        return texts;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing after a test
            }
        }
    }
}
