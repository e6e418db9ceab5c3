package io.conduit.media.jobs;

import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.json.Json;
import io.conduit.media.webhook.WebhookMessage;
import io.conduit.media.webhook.WebhookOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies job events to the {@code jobs} table through {@link JobStateMachine}, one transaction per
 * event: the row (locked), its history entry, its webhook (when it ends) and a notification to
 * every instance's subscribers ({@link JobNotifications}) commit together. Applying the same event
 * again changes nothing.
 */
public final class JobTransitions {

    /** The PostgreSQL channel that carries the id of every job that changed. */
    public static final String CHANNEL = "conduit_jobs";

    private final JobStore store;
    private final WebhookOutbox webhooks;
    private final Duration defaultRetention;
    private final Clock clock;

    public JobTransitions(JobStore store, WebhookOutbox webhooks, Duration defaultRetention, Clock clock) {
        this.store = store;
        this.webhooks = webhooks;
        this.defaultRetention = defaultRetention;
        this.clock = clock;
    }

    /**
     * What applying an event did.
     *
     * @param job the job after it (empty when there is no such job)
     * @param changed whether it changed the job
     */
    public record Applied(Optional<Job> job, boolean changed) {}

    public Applied apply(JobEvent event) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Job> current = JobStore.find(c, event.jobId(), true);
                if (current.isEmpty()) {
                    c.rollback();
                    return new Applied(Optional.empty(), false);
                }
                Job before = current.get();
                Job after = JobStateMachine.apply(before, event, clock.instant());
                if (after == before) {
                    c.rollback();
                    return new Applied(current, false);
                }
                if (after.state().terminal()) {
                    after = withExpiry(after, retention(c, after.keyGroupId()));
                }
                update(c, after);
                history(c, after);
                if (after.state().terminal() && webhooks != null) {
                    webhooks.enqueue(c, new WebhookMessage(after.id() + ":" + after.state().id(), after.keyGroupId(),
                            after.webhookUrl(), after.eventType(), Json.mapper().writeValueAsString(JobView.of(after)),
                            after.completedAt()));
                }
                notify(c, after.id());
                c.commit();
                return new Applied(Optional.of(after), true);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Duration retention(Connection c, String keyGroupId) throws SQLException {
        if (keyGroupId == null) {
            return defaultRetention;
        }
        try (PreparedStatement select = c.prepareStatement("select job_retention_days from key_groups where id = ?")) {
            select.setObject(1, UUID.fromString(keyGroupId));
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    int days = rows.getInt(1);
                    if (!rows.wasNull()) {
                        return Duration.ofDays(days);
                    }
                }
            }
        }
        return defaultRetention;
    }

    private static Job withExpiry(Job job, Duration retention) {
        Instant expires = job.completedAt().plus(retention);
        return new Job(job.id(), job.kind(), job.keyId(), job.keyGroupId(), job.alias(), job.requestId(), job.request(),
                job.inputs(), job.webhookUrl(), job.state(), job.progress(), job.provider(), job.providerModel(),
                job.providerTaskId(), job.submissions(), job.cancelRequestedAt(), job.errorCode(), job.errorMessage(),
                job.outputs(), job.media(), job.version(), job.createdAt(), job.updatedAt(), job.startedAt(),
                job.completedAt(), expires, job.deletedAt());
    }

    private static void update(Connection c, Job job) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update jobs set state = ?, progress = ?, provider = ?,"
                + " provider_model = ?, provider_task_id = ?, error_code = ?, error_message = ?, outputs = ?::jsonb,"
                + " media = ?::jsonb, version = ?, updated_at = ?, started_at = ?, completed_at = ?, expires_at = ?"
                + " where id = ?")) {
            update.setString(1, job.state().id());
            update.setObject(2, job.progress(), Types.INTEGER);
            update.setString(3, job.provider());
            update.setString(4, job.providerModel());
            update.setString(5, job.providerTaskId());
            update.setString(6, job.errorCode());
            update.setString(7, job.errorMessage());
            update.setString(8, Json.mapper().writeValueAsString(job.outputs()));
            update.setString(9, job.media() == null ? null : Json.mapper().writeValueAsString(job.media()));
            update.setInt(10, job.version());
            update.setTimestamp(11, Timestamp.from(job.updatedAt()));
            update.setTimestamp(12, timestamp(job.startedAt()));
            update.setTimestamp(13, timestamp(job.completedAt()));
            update.setTimestamp(14, timestamp(job.expiresAt()));
            update.setString(15, job.id());
            update.executeUpdate();
        }
    }

    static void history(Connection c, Job job) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into job_history (job_id, version, state, progress, at) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            insert.setString(1, job.id());
            insert.setInt(2, job.version());
            insert.setString(3, job.state().id());
            insert.setObject(4, job.progress(), Types.INTEGER);
            insert.setTimestamp(5, Timestamp.from(job.updatedAt()));
            insert.executeUpdate();
        }
    }

    static void notify(Connection c, String jobId) throws SQLException {
        try (PreparedStatement notify = c.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, jobId);
            notify.execute();
        }
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
