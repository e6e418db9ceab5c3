package io.conduit.ingress.jobs;

import io.conduit.contracts.jobs.JobState;
import io.conduit.contracts.json.Json;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobChange;
import io.conduit.media.jobs.JobView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server-sent events of {@code /v1/jobs/{id}/events}: one event per entry of the job's history,
 * {@code id} its version (what a reconnecting client sends back as {@code Last-Event-ID}),
 * {@code event} {@code job.<state>} — or {@code job.progress} for a change of progress while in
 * progress — and {@code data} the job object as of that version. Comments keep the stream open.
 */
final class SseFrames {

    private SseFrames() {}

    /** One event; each line of the data gets its own {@code data:} field. */
    static String event(int id, String name, String data) {
        StringBuilder frame = new StringBuilder(data.length() + 48);
        frame.append("id: ").append(id).append('\n').append("event: ").append(name).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    /** A comment line (ignored by clients), e.g. a heartbeat. */
    static String comment(String text) {
        return ": " + text.replace('\n', ' ').replace('\r', ' ') + "\n\n";
    }

    /** {@code job.<state>}, or {@code job.progress} when the job was already in progress before this change. */
    static String eventName(JobState state, JobState previous) {
        return state == JobState.IN_PROGRESS && previous == JobState.IN_PROGRESS ? "job.progress" : "job." + state.id();
    }

    /**
     * The {@code Last-Event-ID} a client sent: the version it saw last, or -1 (replay everything)
     * when there is none or it is not a version.
     */
    static int lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Math.max(-1, Integer.parseInt(header.strip()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The events of the changes after {@code afterVersion}.
     *
     * @param job the job as read (at least as new as the history, for the data of its latest version)
     * @param history its changes, oldest first, from any version at or before {@code afterVersion}
     *     (the one before the first new change tells whether that is a progress event)
     * @param previous the state before the first entry of {@code history}, null when it starts at the beginning
     */
    static List<Event> events(Job job, List<JobChange> history, int afterVersion, JobState previous) {
        List<Event> events = new ArrayList<>();
        JobState before = previous;
        for (JobChange change : history) {
            if (change.version() > afterVersion) {
                String data = Json.mapper().writeValueAsString(snapshot(job, change));
                events.add(new Event(change.version(), change.state(), event(change.version(),
                        eventName(change.state(), before), data)));
            }
            before = change.state();
        }
        return events;
    }

    /** One event of a job's stream: its version, the state it reports, and its frame. */
    record Event(int version, JobState state, String frame) {}

    /**
     * The job object as of a change: the state and progress of that change; results, error and end
     * times only on the job's latest version (an older change had none of them yet).
     */
    static Map<String, Object> snapshot(Job job, JobChange change) {
        Map<String, Object> view = new LinkedHashMap<>(JobView.of(job));
        view.put("status", change.state().id());
        view.put("progress", change.progress());
        if (change.version() < job.version()) {
            view.put("outputs", List.of());
            view.put("error", null);
            view.put("completed_at", null);
            view.put("expires_at", null);
            if (change.state() == JobState.QUEUED) {
                view.put("started_at", null);
            }
        }
        return view;
    }
}
