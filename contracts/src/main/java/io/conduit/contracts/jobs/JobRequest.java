package io.conduit.contracts.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * A job to run, as ingress publishes it on {@code conduit.jobs.requests.v1} once the job's row
 * ({@code queued}) is written. It carries no secret and no file: uploaded inputs are already in
 * object storage and are named by their object keys.
 *
 * @param jobId the job's id (also the record key)
 * @param kind what the job makes
 * @param keyId virtual key that created it
 * @param keyGroupId the key's group, null when none
 * @param alias the model the client asked for
 * @param requestId the {@code x-request-id} of the creating request
 * @param body the client's request as JSON (for multipart requests: its text fields as a JSON object)
 * @param inputs uploaded files by form field name (e.g. {@code input_reference}, {@code file}) → their
 *     object key in the store
 * @param createdAt when ingress accepted the job
 * @param redrive 0 for the first publication, n for the n-th redrive of a dead letter
 */
public record JobRequest(String jobId, JobKind kind, String keyId, String keyGroupId, String alias, String requestId,
        String body, Map<String, String> inputs, Instant createdAt, int redrive) {

    public JobRequest {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
    }
}
