package io.conduit.media.jobs;

import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.jobs.JobState;
import io.conduit.contracts.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How a job looks to clients: the generic job object of {@code /v1/jobs/{id}} (and of webhooks),
 * and the OpenAI {@code video} object of {@code /v1/videos}. Maps keep the field order.
 */
public final class JobView {

    private JobView() {}

    /** {@code {"id", "object": "job", "kind", "model", "status", "progress", …, "outputs": [...], "error"}}. */
    public static Map<String, Object> of(Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("object", "job");
        view.put("kind", job.kind().id());
        view.put("endpoint", job.kind().endpoint());
        view.put("model", job.alias());
        view.put("status", job.state().id());
        view.put("progress", job.progress());
        view.put("created_at", seconds(job.createdAt()));
        view.put("started_at", seconds(job.startedAt()));
        view.put("completed_at", seconds(job.completedAt()));
        view.put("expires_at", seconds(job.expiresAt()));
        view.put("cancel_requested", job.cancelRequestedAt() != null && !job.state().terminal());
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (JobOutput output : job.outputs()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", output.name());
            o.put("content_type", output.contentType());
            o.put("bytes", output.bytes());
            o.put("url", "/v1/jobs/" + job.id() + "/content?output=" + output.name());
            outputs.add(o);
        }
        view.put("outputs", outputs);
        view.put("error", error(job));
        return view;
    }

    /** The OpenAI Videos API's {@code video} object. */
    public static Map<String, Object> video(Job job) {
        JsonNode request = request(job);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", job.id());
        view.put("object", "video");
        view.put("model", job.alias());
        // the Videos API knows no "cancelled": a cancelled video is a failed one (code "cancelled")
        view.put("status", job.state() == JobState.CANCELLED ? "failed" : job.state().id());
        view.put("progress", job.state() == JobState.COMPLETED ? 100 : job.progress() == null ? 0 : job.progress());
        view.put("created_at", seconds(job.createdAt()));
        view.put("completed_at", seconds(job.completedAt()));
        view.put("expires_at", seconds(job.expiresAt()));
        view.put("prompt", text(request, "prompt"));
        view.put("size", text(request, "size") != null ? text(request, "size") : "720x1280");
        view.put("seconds", text(request, "seconds") != null ? text(request, "seconds") : "4");
        view.put("remixed_from_video_id", null);
        view.put("error", error(job));
        return view;
    }

    private static Map<String, Object> error(Job job) {
        if (job.errorCode() == null && job.errorMessage() == null) {
            return null;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", job.errorCode());
        error.put("message", job.errorMessage());
        return error;
    }

    private static JsonNode request(Job job) {
        try {
            return Json.mapper().readTree(job.request());
        } catch (RuntimeException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isString() ? value.asString() : value.toString();
    }

    private static Long seconds(Instant at) {
        return at == null ? null : at.getEpochSecond();
    }
}
