package io.conduit.media.jobs;

import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.jobs.JobState;
import java.time.Instant;
import java.util.Objects;

/**
 * The rules of a job's life, as a pure function: what a job becomes when a worker reports an event.
 * States only move forward; a terminal job never changes again; progress never goes down; a job is
 * {@code completed} only with stored results.
 */
public final class JobStateMachine {

    private JobStateMachine() {}

    /** The job after the event, or the same job (by identity) when the event changes nothing. */
    public static Job apply(Job job, JobEvent event, Instant now) {
        if (job.state().terminal() || event.type().state().rank() < job.state().rank()) {
            return job;
        }
        return switch (event.type()) {
            case SUBMITTED -> submitted(job, event, now);
            case PROGRESS -> progressed(job, event, now);
            case COMPLETED -> event.outputs().isEmpty()
                    ? ended(job, JobState.FAILED, "no_result", "The provider reported success but no result was stored.", now)
                    : completed(job, event, now);
            case FAILED -> ended(job, JobState.FAILED, event.errorCode(), event.errorMessage(), now);
            case CANCELLED -> ended(job, JobState.CANCELLED, event.errorCode() != null ? event.errorCode() : "cancelled",
                    event.errorMessage() != null ? event.errorMessage() : "The job was cancelled.", now);
        };
    }

    private static Job submitted(Job job, JobEvent event, Instant now) {
        String taskId = job.providerTaskId() != null ? job.providerTaskId() : event.providerTaskId();
        if (job.state() == JobState.IN_PROGRESS && Objects.equals(taskId, job.providerTaskId())
                && Objects.equals(job.provider(), orElse(event.provider(), job.provider()))) {
            return job;
        }
        return with(job, JobState.IN_PROGRESS, job.progress(), orElse(event.provider(), job.provider()),
                orElse(event.providerModel(), job.providerModel()), taskId, now);
    }

    private static Job progressed(Job job, JobEvent event, Instant now) {
        Integer reported = event.progress();
        Integer progress = reported == null ? job.progress()
                : job.progress() == null ? Integer.valueOf(Math.clamp(reported, 0, 100)) : Math.max(job.progress(), Math.clamp(reported, 0, 100));
        if (job.state() == JobState.IN_PROGRESS && Objects.equals(progress, job.progress())) {
            return job;
        }
        return with(job, JobState.IN_PROGRESS, progress, orElse(event.provider(), job.provider()),
                orElse(event.providerModel(), job.providerModel()),
                job.providerTaskId() != null ? job.providerTaskId() : event.providerTaskId(), now);
    }

    private static Job completed(Job job, JobEvent event, Instant now) {
        return new Job(job.id(), job.kind(), job.keyId(), job.keyGroupId(), job.alias(), job.requestId(), job.request(),
                job.inputs(), job.webhookUrl(), JobState.COMPLETED, 100, orElse(event.provider(), job.provider()),
                orElse(event.providerModel(), job.providerModel()),
                job.providerTaskId() != null ? job.providerTaskId() : event.providerTaskId(), job.submissions(),
                job.cancelRequestedAt(), null, null, event.outputs(), event.media(), job.version() + 1, job.createdAt(), now,
                job.startedAt() != null ? job.startedAt() : now, now, job.expiresAt(), job.deletedAt());
    }

    private static Job ended(Job job, JobState state, String code, String message, Instant now) {
        return new Job(job.id(), job.kind(), job.keyId(), job.keyGroupId(), job.alias(), job.requestId(), job.request(),
                job.inputs(), job.webhookUrl(), state, job.progress(), job.provider(), job.providerModel(),
                job.providerTaskId(), job.submissions(), job.cancelRequestedAt(), code != null ? code : "failed",
                message != null ? message : "The job failed.", job.outputs(), job.media(), job.version() + 1,
                job.createdAt(), now, job.startedAt(), now, job.expiresAt(), job.deletedAt());
    }

    private static Job with(Job job, JobState state, Integer progress, String provider, String providerModel,
            String taskId, Instant now) {
        return new Job(job.id(), job.kind(), job.keyId(), job.keyGroupId(), job.alias(), job.requestId(), job.request(),
                job.inputs(), job.webhookUrl(), state, progress, provider, providerModel, taskId, job.submissions(),
                job.cancelRequestedAt(), job.errorCode(), job.errorMessage(), job.outputs(), job.media(),
                job.version() + 1, job.createdAt(), now, job.startedAt() != null ? job.startedAt() : now,
                job.completedAt(), job.expiresAt(), job.deletedAt());
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
