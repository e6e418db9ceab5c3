package io.conduit.media.jobs;

import io.conduit.media.storage.ResultStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the results (and uploaded inputs) of jobs past their {@code expires_at} — completed time
 * plus the key group's {@code job_retention_days}, else {@code CONDUIT_JOBS_RETENTION} — and marks
 * the jobs deleted. Several instances may sweep at once: deleting is idempotent.
 */
public final class RetentionSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    private final JobStore jobs;
    private final ResultStore results;
    private final Duration every;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("conduit-job-retention").factory());

    public RetentionSweeper(JobStore jobs, ResultStore results, Duration every, Clock clock) {
        this.jobs = jobs;
        this.results = results;
        this.every = every;
        this.clock = clock;
    }

    public RetentionSweeper start() {
        timer.scheduleWithFixedDelay(this::sweepQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass; returns the number of jobs whose results were removed. */
    public int sweep() throws SQLException {
        int removed = 0;
        List<String> expired;
        do {
            expired = jobs.expired(clock.instant(), 100);
            for (String id : expired) {
                results.deletePrefix(ResultStore.resultKey(id, ""));
                results.deletePrefix(ResultStore.inputKey(id, ""));
                jobs.markDeleted(id);
                removed++;
            }
        } while (expired.size() == 100);
        return removed;
    }

    private void sweepQuietly() {
        try {
            int removed = sweep();
            if (removed > 0) {
                log.info("Removed the results of {} expired jobs", removed);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Removing expired job results failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
