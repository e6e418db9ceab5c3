package io.conduit.ingress.jobs;

import io.conduit.contracts.jobs.JobState;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobChange;
import io.conduit.media.jobs.JobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * The event stream of one job for one client: first the history it has not seen (after its
 * {@code Last-Event-ID}), then each change as it happens — read again from the job's history on
 * every change notification and every heartbeat, so a missed notification only delays an event.
 * A heartbeat comment goes out when a beat brought nothing new; the stream ends after the
 * terminal event (or when the job is gone).
 */
final class JobEventStream {

    private final JobStore store;
    private final JobWaiter waiter;
    private final Duration heartbeat;

    JobEventStream(JobStore store, JobWaiter waiter, Duration heartbeat) {
        this.store = store;
        this.waiter = waiter;
        this.heartbeat = heartbeat;
    }

    /** What one read produced: frames to send, and whether the stream is over after them. */
    private record Batch(List<String> frames, boolean last) {}

    /** Where one client stands; only touched by one read at a time. */
    private static final class Cursor {
        volatile int sent;
        volatile JobState state;
        volatile boolean primed;

        Cursor(int sent) {
            this.sent = sent;
        }
    }

    Flux<String> frames(String jobId, int lastEventId) {
        Cursor cursor = new Cursor(lastEventId);
        return waiter.triggers(jobId, heartbeat)
                .concatMap(tick -> JobsApi.blocking(() -> read(jobId, cursor, beat(tick))), 1)
                .takeUntil(Batch::last)
                .concatMapIterable(Batch::frames);
    }

    /** An interval tick after the first one is a heartbeat; the first tick (0) is the initial replay. */
    private static boolean beat(Object tick) {
        return tick instanceof Long n && n > 0;
    }

    private Batch read(String jobId, Cursor cursor, boolean beat) throws java.sql.SQLException {
        Optional<Job> found = store.find(jobId);
        if (found.isEmpty() || found.get().deletedAt() != null) {
            return new Batch(List.of(SseFrames.comment("job deleted")), true);
        }
        Job job = found.get();
        boolean initial = !cursor.primed;
        // the first read starts at the beginning, to know the state before the first unseen change
        List<JobChange> history = store.history(jobId, cursor.primed ? cursor.sent : -1);
        List<SseFrames.Event> events = SseFrames.events(job, history, cursor.sent, cursor.primed ? cursor.state : null);
        if (!cursor.primed) {
            cursor.primed = true;
            history.stream().filter(c -> c.version() <= cursor.sent).reduce((a, b) -> b)
                    .ifPresent(seen -> cursor.state = seen.state());
        }
        List<String> frames = new ArrayList<>(events.size() + 1);
        boolean last = false;
        for (SseFrames.Event event : events) {
            frames.add(event.frame());
            cursor.sent = event.version();
            cursor.state = event.state();
            if (event.state().terminal()) {
                last = true;
                break;
            }
        }
        if (!last && job.state().terminal() && cursor.sent >= job.version()) {
            last = true; // the client had seen the end already
        }
        // a beat that brought nothing keeps the connection open; so does a first read with nothing new (headers go out)
        if (frames.isEmpty() && !last && (beat || initial)) {
            frames.add(SseFrames.comment("heartbeat"));
        }
        return new Batch(frames, last);
    }
}
