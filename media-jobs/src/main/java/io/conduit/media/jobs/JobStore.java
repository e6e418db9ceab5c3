package io.conduit.media.jobs;

import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.jobs.JobState;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.usage.MediaUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import tools.jackson.core.type.TypeReference;

/**
 * The {@code jobs} table (plain JDBC). Ingress creates rows; the worker running a job records its
 * provider task here before polling it; {@link JobTransitions} moves states.
 */
public final class JobStore {

    static final String COLUMNS = "id, kind, endpoint, key_id, key_group_id, alias, request_id, request, inputs, webhook_url,"
            + " state, progress, provider, provider_model, provider_task_id, submissions, cancel_requested_at, error_code,"
            + " error_message, outputs, media, version, created_at, updated_at, started_at, completed_at, expires_at, deleted_at";

    private static final TypeReference<Map<String, String>> INPUTS = new TypeReference<>() {};
    private static final TypeReference<List<JobOutput>> OUTPUTS = new TypeReference<>() {};

    private final DataSource dataSource;

    public JobStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Writes a new job ({@code queued}) and its first history entry. */
    public void create(Job job) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into jobs (id, kind, endpoint, key_id, key_group_id,"
                    + " alias, request_id, request, inputs, webhook_url, state, version, created_at, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, 'queued', 0, ?, ?)")) {
                insert.setString(1, job.id());
                insert.setString(2, job.kind().name());
                insert.setString(3, job.kind().endpoint());
                insert.setObject(4, UUID.fromString(job.keyId()));
                insert.setObject(5, job.keyGroupId() == null ? null : UUID.fromString(job.keyGroupId()), Types.OTHER);
                insert.setString(6, job.alias());
                insert.setString(7, job.requestId());
                insert.setString(8, job.request());
                insert.setString(9, Json.mapper().writeValueAsString(job.inputs()));
                insert.setString(10, job.webhookUrl());
                insert.setTimestamp(11, Timestamp.from(job.createdAt()));
                insert.setTimestamp(12, Timestamp.from(job.createdAt()));
                insert.executeUpdate();
            }
            JobTransitions.history(c, job);
            c.commit();
        }
    }

    public Optional<Job> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id, false);
        }
    }

    /** The job a key may see: absent when it does not exist, was deleted, or belongs to another group or key. */
    public Optional<Job> findVisible(String id, String keyId, String keyGroupId) throws SQLException {
        return find(id).filter(job -> job.deletedAt() == null && job.visibleTo(keyId, keyGroupId));
    }

    static Optional<Job> find(Connection c, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from jobs where id = ?"
                + (forUpdate ? " for update" : ""))) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    /**
     * A page of the jobs of one kind a key may see, newest first (or oldest first), after a cursor job id.
     *
     * @param after id of the last job of the previous page, null for the first page
     * @param limit at most this many (the caller asks one more to know whether there are more)
     */
    public List<Job> list(JobKind kind, String keyId, String keyGroupId, String after, int limit, boolean ascending)
            throws SQLException {
        String order = ascending ? "asc" : "desc";
        String compare = ascending ? ">" : "<";
        String scope = keyGroupId != null ? "key_group_id = ?" : "key_group_id is null and key_id = ?";
        String sql = "select " + COLUMNS + " from jobs where kind = ? and deleted_at is null and " + scope
                + (after != null ? " and (created_at, id) " + compare + " (select created_at, id from jobs where id = ?)" : "")
                + " order by created_at " + order + ", id " + order + " limit ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            int i = 1;
            select.setString(i++, kind.name());
            select.setObject(i++, UUID.fromString(keyGroupId != null ? keyGroupId : keyId));
            if (after != null) {
                select.setString(i++, after);
            }
            select.setInt(i, limit);
            List<Job> jobs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    jobs.add(read(rows));
                }
            }
            return jobs;
        }
    }

    /**
     * A worker is about to send the job to a provider: counts the submission and names the provider,
     * unless the job has ended or already has a provider task (then it must not be submitted).
     *
     * @return true when the worker may submit
     */
    public boolean beginSubmission(String id, String provider, String providerModel) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update jobs set submissions = submissions + 1, provider = ?, provider_model = ?, updated_at = now()"
                        + " where id = ? and provider_task_id is null and state in ('queued', 'in_progress')"
                        + " and cancel_requested_at is null")) {
            update.setString(1, provider);
            update.setString(2, providerModel);
            update.setString(3, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Records the provider's task id of a submitted job: done before polling it, so whoever takes the job over resumes it. */
    public void recordTask(String id, String provider, String providerModel, String taskId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update jobs set provider_task_id = ?, provider = ?, provider_model = ?, updated_at = now()"
                        + " where id = ? and provider_task_id is null")) {
            update.setString(1, taskId);
            update.setString(2, provider);
            update.setString(3, providerModel);
            update.setString(4, id);
            update.executeUpdate();
        }
    }

    /** Asks a running job to stop; the worker running it sees it at its next poll. True when the request was recorded. */
    public boolean requestCancel(String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update jobs set cancel_requested_at = coalesce(cancel_requested_at, now()), updated_at = now()"
                        + " where id = ? and state in ('queued', 'in_progress')")) {
            update.setString(1, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Marks a job deleted (its objects are removed by the caller); it is no longer visible. */
    public boolean markDeleted(String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update jobs set deleted_at = now(), updated_at = now() where id = ? and deleted_at is null")) {
            update.setString(1, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Ended jobs whose results are past their retention, oldest first. */
    public List<String> expired(Instant now, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select id from jobs where deleted_at is null and expires_at is not null and expires_at <= ?"
                        + " order by expires_at limit ?")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** The state changes of a job after a version, oldest first (what an SSE subscriber has not seen). */
    public List<JobChange> history(String id, int afterVersion) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select version, state, progress, at from job_history where job_id = ? and version > ? order by version")) {
            select.setString(1, id);
            select.setInt(2, afterVersion);
            List<JobChange> changes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int progress = rows.getInt(3);
                    changes.add(new JobChange(rows.getInt(1), JobState.of(rows.getString(2)),
                            rows.wasNull() ? null : progress, rows.getTimestamp(4).toInstant()));
                }
            }
            return changes;
        }
    }

    static Job read(ResultSet rows) throws SQLException {
        int progress = rows.getInt("progress");
        Integer progressOrNull = rows.wasNull() ? null : progress;
        String media = rows.getString("media");
        Object group = rows.getObject("key_group_id");
        return new Job(rows.getString("id"), JobKind.valueOf(rows.getString("kind")), rows.getObject("key_id").toString(),
                group == null ? null : group.toString(), rows.getString("alias"), rows.getString("request_id"),
                rows.getString("request"), Json.mapper().readValue(rows.getString("inputs"), INPUTS),
                rows.getString("webhook_url"), JobState.of(rows.getString("state")), progressOrNull, rows.getString("provider"),
                rows.getString("provider_model"), rows.getString("provider_task_id"), rows.getInt("submissions"),
                instant(rows, "cancel_requested_at"), rows.getString("error_code"), rows.getString("error_message"),
                Json.mapper().readValue(rows.getString("outputs"), OUTPUTS),
                media == null ? null : Json.mapper().readValue(media, MediaUsage.class), rows.getInt("version"),
                instant(rows, "created_at"), instant(rows, "updated_at"), instant(rows, "started_at"),
                instant(rows, "completed_at"), instant(rows, "expires_at"), instant(rows, "deleted_at"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp t = rows.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
