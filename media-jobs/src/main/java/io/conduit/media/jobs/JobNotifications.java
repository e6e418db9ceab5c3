package io.conduit.media.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this instance's subscribers (SSE streams, long polls) that a job changed, whichever
 * instance changed it: {@link JobTransitions} sends {@code NOTIFY conduit_jobs, '<job id>'} in the
 * transaction of each change, and this listens on one dedicated connection. A subscriber is told
 * only the id; it reads the job (or its history) itself, so a notice missed while reconnecting
 * costs nothing but latency — subscribers also re-read on their own heartbeat.
 */
public final class JobNotifications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobNotifications.class);

    private final DataSource dataSource;
    private final Map<String, Set<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final Thread listener;
    private volatile boolean running = true;

    public JobNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
        this.listener = Thread.ofPlatform().daemon().name("conduit-job-notifications").unstarted(this::listen);
    }

    public JobNotifications start() {
        listener.start();
        return this;
    }

    /** Calls {@code onChange} with the job id each time the job changes, until the returned handle is closed. */
    public AutoCloseable subscribe(String jobId, Consumer<String> onChange) {
        subscribers.computeIfAbsent(jobId, id -> new CopyOnWriteArraySet<>()).add(onChange);
        return () -> subscribers.computeIfPresent(jobId, (id, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement listen = c.createStatement()) {
                    listen.execute("listen " + JobTransitions.CHANNEL);
                }
                backoff = Duration.ofMillis(200);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(500);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            deliver(notice.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Listening for job changes failed ({}); reconnecting in {} ms", e.toString(), backoff.toMillis());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    private void deliver(String jobId) {
        Set<Consumer<String>> set = subscribers.get(jobId);
        if (set == null) {
            return;
        }
        for (Consumer<String> subscriber : set) {
            try {
                subscriber.accept(jobId);
            } catch (RuntimeException e) {
                log.warn("A subscriber of job {} failed: {}", jobId, e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
    }
}
