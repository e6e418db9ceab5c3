package io.conduit.ingress.jobs;

import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobRequest;
import io.conduit.contracts.json.Json;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.jobs.JobTransitions;
import io.conduit.media.storage.ResultStore;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Accepts a validated job: stores its uploads, writes its row ({@code queued}) and publishes it to
 * the workers. When Kafka does not take it, the job is failed ({@code unavailable}) at once and
 * the client gets a 503: no job is left queued with nobody to run it. Blocking; runs off the event loop.
 */
final class JobSubmitter {

    private static final Logger log = LoggerFactory.getLogger(JobSubmitter.class);

    /** An uploaded file to store as an input of the job, under {@code name} (the key of {@code Job.inputs}). */
    record Input(String name, String filename, String contentType, long size, java.util.function.Supplier<InputStream> source) {

        static Input of(String name, UploadedForm.UploadedFile file) {
            String type = file.contentType() == null || file.contentType().isBlank() ? "application/octet-stream" : file.contentType();
            return new Input(name, file.filename(), type, file.size(), file::open);
        }
    }

    private final JobStore store;
    private final ResultStore results;
    private final JobTransitions transitions;
    private final JobRequestPublisher queue;
    private final Clock clock;

    JobSubmitter(JobStore store, ResultStore results, JobTransitions transitions, JobRequestPublisher queue, Clock clock) {
        this.store = store;
        this.results = results;
        this.transitions = transitions;
        this.queue = queue;
        this.clock = clock;
    }

    /** A fresh job id: {@code video_} or {@code job_} and 32 hex digits. */
    static String newId(JobKind kind) {
        return (kind == JobKind.VIDEO ? "video_" : "job_") + UUID.randomUUID().toString().replace("-", "");
    }

    /** Creates and publishes the job; returns it {@code queued}. */
    Job submit(MediaRequests.Spec spec, VirtualKey key, String requestId, List<Input> uploads) {
        String id = newId(spec.kind());
        Instant now = clock.instant();
        Map<String, String> inputs = storeInputs(id, spec.request(), uploads);
        String body = Json.mapper().writeValueAsString(spec.request());
        Job job = Job.queued(id, spec.kind(), key.id(), key.keyGroupId(), spec.alias(), requestId, body, inputs,
                spec.webhookUrl(), now);
        try {
            store.create(job);
        } catch (SQLException e) {
            log.warn("Job {} could not be written: {}", id, e.toString());
            deleteInputs(id);
            throw JobErrors.unavailable("The job could not be recorded; try again shortly.");
        }
        try {
            queue.publish(new JobRequest(id, spec.kind(), key.id(), key.keyGroupId(), spec.alias(), requestId, body, inputs,
                    now, 0));
        } catch (JobRequestPublisher.Unavailable e) {
            log.warn("Job {} failed as unavailable: {}", id, e.getMessage());
            fail(id);
            throw JobErrors.unavailable("The job queue is unavailable; the job was not accepted. Try again shortly.");
        }
        return job;
    }

    /**
     * Stores each upload at {@code inputs/<job id>/<name>} and describes it in the request's
     * {@code uploads} object (file name, content type, size), which the worker needs to pass it on.
     */
    private Map<String, String> storeInputs(String id, ObjectNode request, List<Input> uploads) {
        Map<String, String> inputs = new LinkedHashMap<>();
        if (uploads.isEmpty()) {
            return inputs;
        }
        ObjectNode described = request.putObject("uploads");
        try {
            for (Input upload : uploads) {
                String objectKey = ResultStore.inputKey(id, upload.name());
                long stored;
                try (InputStream in = upload.source().get()) {
                    stored = results.upload(objectKey, upload.contentType(), in);
                }
                inputs.put(upload.name(), objectKey);
                described.putObject(upload.name())
                        .put("filename", upload.filename())
                        .put("content_type", upload.contentType())
                        .put("bytes", stored);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Uploads of job {} could not be stored: {}", id, e.toString());
            deleteInputs(id);
            throw JobErrors.unavailable("The uploaded files could not be stored; try again shortly.");
        }
        return inputs;
    }

    private void fail(String id) {
        try {
            transitions.apply(new JobEvent(id + ":failed", id, JobEvent.Type.FAILED, clock.instant(), null, null, null, null,
                    List.of(), null, 0, 0, "unavailable", "The job queue was unavailable when the job was created.", "ingress"));
        } catch (SQLException | RuntimeException e) {
            log.error("Job {} could not be failed after Kafka refused it ({}); it stays queued", id, e.toString());
        }
    }

    private void deleteInputs(String id) {
        try {
            results.deletePrefix("inputs/" + id + "/");
        } catch (RuntimeException e) {
            log.warn("Inputs of job {} could not be removed: {}", id, e.toString());
        }
    }
}
