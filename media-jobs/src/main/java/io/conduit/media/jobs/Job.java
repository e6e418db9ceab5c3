package io.conduit.media.jobs;

import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.jobs.JobState;
import io.conduit.contracts.usage.MediaUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A media job as stored (table {@code jobs}).
 *
 * @param id e.g. {@code video_6f1c…} or {@code job_6f1c…}
 * @param kind what it makes
 * @param keyId the virtual key that created it
 * @param keyGroupId that key's group, null when none: the job is visible to the group's keys (else to the key only)
 * @param alias the model the client asked for
 * @param requestId {@code x-request-id} of the creating request
 * @param request the client's request as JSON (for multipart requests, its text fields)
 * @param inputs uploaded files by form field → object key
 * @param webhookUrl where to send this job's webhooks, null for the group's default
 * @param state where it stands
 * @param progress percent the provider reported, null when it reported none
 * @param provider name of the provider serving it, once chosen
 * @param providerModel model sent to the provider
 * @param providerTaskId the provider's id of the job, once it has one
 * @param submissions how many times a worker sent the job to a provider (1 for a job run once)
 * @param cancelRequestedAt when a client asked to cancel it while it was running, else null
 * @param errorCode why it failed or was cancelled
 * @param errorMessage the reason in words
 * @param outputs its stored results
 * @param media the units it made (for pricing), once completed
 * @param version number of state changes so far (the id of its last event)
 */
public record Job(String id, JobKind kind, String keyId, String keyGroupId, String alias, String requestId, String request,
        Map<String, String> inputs, String webhookUrl, JobState state, Integer progress, String provider,
        String providerModel, String providerTaskId, int submissions, Instant cancelRequestedAt, String errorCode,
        String errorMessage, List<JobOutput> outputs, MediaUsage media, int version, Instant createdAt,
        Instant updatedAt, Instant startedAt, Instant completedAt, Instant expiresAt, Instant deletedAt) {

    public Job {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** A new job, {@code queued}. */
    public static Job queued(String id, JobKind kind, String keyId, String keyGroupId, String alias, String requestId,
            String request, Map<String, String> inputs, String webhookUrl, Instant now) {
        return new Job(id, kind, keyId, keyGroupId, alias, requestId, request, inputs, webhookUrl, JobState.QUEUED, null,
                null, null, null, 0, null, null, null, List.of(), null, 0, now, now, null, null, null, null);
    }

    /** Whether a key (of a group, or of none) may see this job: the group's keys, or the key itself when it has no group. */
    public boolean visibleTo(String askingKeyId, String askingKeyGroupId) {
        return keyGroupId != null ? keyGroupId.equals(askingKeyGroupId) : keyId.equals(askingKeyId);
    }

    public Optional<JobOutput> output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** The webhook event type of a state, e.g. {@code video.completed}. */
    public String eventType() {
        return kind.id() + "." + state.id();
    }
}
