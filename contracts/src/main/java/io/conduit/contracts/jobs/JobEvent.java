package io.conduit.contracts.jobs;

import io.conduit.contracts.usage.MediaUsage;
import java.time.Instant;
import java.util.List;

/**
 * Something a worker saw happen to a job, on {@code conduit.jobs.events.v1} (key = job id).
 * media-jobs applies these to the job's state machine; replays and duplicates are harmless because
 * states only move forward and {@link #id()} is stable for the same happening.
 *
 * @param id stable id of this happening, e.g. {@code <job id>:completed}
 * @param jobId the job
 * @param type what happened
 * @param at when the worker saw it
 * @param provider name of the provider serving the job, null before one is chosen
 * @param providerModel model sent to the provider
 * @param providerTaskId the provider's id of the job, once it has one
 * @param progress percent the provider reported, null when it reported none (never invented)
 * @param outputs the stored results ({@link Type#COMPLETED} only)
 * @param media the units made, for pricing ({@link Type#COMPLETED} only)
 * @param promptTokens tokens billed in, where the provider bills the job by tokens
 * @param completionTokens tokens billed out, where the provider bills the job by tokens
 * @param errorCode why it failed or was cancelled ({@link Type#FAILED}, {@link Type#CANCELLED}), e.g. the provider's code
 * @param errorMessage the reason in words, as the provider gave it
 * @param worker id of the worker process that saw it
 */
public record JobEvent(String id, String jobId, Type type, Instant at, String provider, String providerModel,
        String providerTaskId, Integer progress, List<JobOutput> outputs, MediaUsage media, long promptTokens,
        long completionTokens, String errorCode, String errorMessage, String worker) {

    /** What happened. */
    public enum Type {
        /** The provider accepted the job and named its task: the job is {@code in_progress}. */
        SUBMITTED(JobState.IN_PROGRESS),
        /** The provider reported progress. */
        PROGRESS(JobState.IN_PROGRESS),
        /** The results are stored: the job is {@code completed}. */
        COMPLETED(JobState.COMPLETED),
        /** The provider (or the gateway, giving up) failed it. */
        FAILED(JobState.FAILED),
        /** Cancelled on a client's request. */
        CANCELLED(JobState.CANCELLED);

        private final JobState state;

        Type(JobState state) {
            this.state = state;
        }

        /** The state the job is in after this happening. */
        public JobState state() {
            return state;
        }
    }

    public JobEvent {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }
}
