package io.conduit.ingress.jobs;

import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobNotifications;
import io.conduit.media.jobs.JobStore;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Waits for jobs without holding a thread: each change notification of the job (from any instance,
 * {@link JobNotifications}) and a periodic re-read (in case a notification was missed) read the
 * job again, until it ends or the wait is over.
 */
final class JobWaiter {

    private static final Logger log = LoggerFactory.getLogger(JobWaiter.class);

    private final JobStore store;
    private final JobNotifications notifications;
    private final Duration recheck;

    JobWaiter(JobStore store, JobNotifications notifications, Duration recheck) {
        this.store = store;
        this.notifications = notifications;
        this.recheck = recheck;
    }

    /**
     * The job once it is terminal, or as it stands when {@code max} has passed (also when it was
     * deleted meanwhile: then as last seen).
     */
    Mono<Job> awaitEnd(Job current, Duration max) {
        if (current.state().terminal() || max.isZero() || max.isNegative()) {
            return Mono.just(current);
        }
        return changes(current.id())
                .filter(job -> job.state().terminal())
                .next()
                .timeout(max, Mono.defer(() -> JobsApi.blocking(() -> store.find(current.id()).orElse(current))))
                .defaultIfEmpty(current);
    }

    /** Signals (to re-read) on each notification of the job and each recheck tick; subscribed before the first read. */
    Flux<Object> triggers(String jobId, Duration every) {
        Flux<Object> notified = Flux.create(sink -> {
            AutoCloseable subscription = notifications.subscribe(jobId, id -> sink.next(id));
            sink.onDispose(() -> {
                try {
                    subscription.close();
                } catch (Exception e) {
                    log.debug("Unsubscribing from job {} failed: {}", jobId, e.toString());
                }
            });
        }, FluxSink.OverflowStrategy.LATEST);
        return Flux.merge(notified, Flux.interval(Duration.ZERO, every)).onBackpressureLatest();
    }

    /** The job as read after each trigger (one read at a time; triggers during a read collapse into one). */
    private Flux<Job> changes(String jobId) {
        return triggers(jobId, recheck)
                .concatMap(tick -> JobsApi.blocking(() -> store.find(jobId)), 1)
                .takeWhile(Optional::isPresent)
                .map(Optional::get);
    }
}
