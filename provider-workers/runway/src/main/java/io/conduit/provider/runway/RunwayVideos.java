package io.conduit.provider.runway;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import io.conduit.provider.spi.media.MediaFailures;
import io.conduit.provider.spi.media.VideoRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runway's task API, as OpenAI's {@code /videos}. A request with an {@code input_reference} goes to
 * {@code POST /image_to_video} ({@code model}, {@code promptImage}, {@code promptText}, {@code ratio},
 * {@code duration}), one without to {@code POST /text_to_video} ({@code model}, {@code promptText},
 * {@code ratio}, {@code duration}); both answer {@code {"id"}}, the task. {@code GET /tasks/{id}}
 * answers {@code status}: {@code PENDING} and {@code THROTTLED} (waiting, queued), {@code RUNNING} with
 * {@code progress} 0–1, {@code SUCCEEDED} with {@code output[]} (URLs fetched without the key, valid
 * 24–48 hours), {@code FAILED} with {@code failure} and a dotted {@code failureCode} (e.g.
 * {@code SAFETY.INPUT.TEXT}), {@code CANCELLED}. {@code DELETE /tasks/{id}} cancels a task (204).
 *
 * <p>Mapping: {@code prompt} → {@code promptText}; {@code input_reference} (data or https URL) →
 * {@code promptImage}; {@code seconds} → {@code duration}; {@code size} {@code 1280x720} →
 * {@code ratio} {@code 1280:720} (Runway names its ratios in pixels). Runway's defaults when absent:
 * 10 s for its gen models (8 s for the Veo models it serves), 1280:720.
 *
 * <p>Documentation: https://docs.dev.runwayml.com/api/ (image_to_video, text_to_video, tasks),
 * https://docs.dev.runwayml.com/errors/task-failures/, https://docs.dev.runwayml.com/errors/errors.
 */
final class RunwayVideos implements VideoJobs {

    static final String VERSION_SETTING = "api_version";
    static final String DEFAULT_VERSION = "2024-11-06";
    static final String DEFAULT_RATIO = "1280:720";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public UpstreamRequest submit(ProviderEndpoint endpoint, InboundCall call) {
        VideoRequest request = VideoRequest.of(call.body());
        ObjectNode body = JSON.createObjectNode();
        body.put("model", call.providerModel());
        String path;
        if (request.inputReference() != null) {
            path = "/image_to_video";
            body.put("promptImage", request.inputReference().asUrl());
            if (request.prompt() != null) {
                body.put("promptText", request.prompt());
            }
        } else {
            if (request.prompt() == null || request.prompt().isBlank()) {
                throw MediaFailures.badRequest("prompt", "Runway needs a 'prompt' (or an 'input_reference' image).");
            }
            path = "/text_to_video";
            body.put("promptText", request.prompt());
        }
        body.put("ratio", request.size() == null ? DEFAULT_RATIO : request.size().width() + ":" + request.size().height());
        if (request.seconds() != null) {
            body.put("duration", request.seconds());
        }
        return new UpstreamRequest(endpoint.resolve(path), headers(endpoint, true), JSON.writeValueAsBytes(body));
    }

    @Override
    public String submitted(byte[] providerBody) {
        String id = read(providerBody).path("id").asString("");
        if (id.isBlank()) {
            throw MediaFailures.unreadable("Runway", "task creation");
        }
        return id;
    }

    @Override
    public UpstreamRequest poll(ProviderEndpoint endpoint, String taskId) {
        return UpstreamRequest.get(endpoint.resolve("/tasks/" + segment(taskId)), headers(endpoint, false));
    }

    @Override
    public VideoStatus status(byte[] providerBody) {
        JsonNode task = read(providerBody);
        return switch (task.path("status").asString("")) {
            case "PENDING", "THROTTLED" -> new VideoStatus(State.QUEUED, -1, null, null, 0, null);
            case "RUNNING" -> new VideoStatus(State.IN_PROGRESS,
                    task.path("progress").isNumber() ? (int) Math.round(task.path("progress").asDouble() * 100) : -1, null, null, 0,
                    null);
            case "SUCCEEDED" -> succeeded(task);
            case "FAILED" -> failed(task.path("failure").asString("The task failed."), task.path("failureCode").asString(null));
            case "CANCELLED" -> failed("The task was cancelled.", "CANCELLED");
            default -> throw MediaFailures.unreadable("Runway", "task");
        };
    }

    @Override
    public MediaUsage requested(InboundCall call) {
        VideoRequest request = VideoRequest.of(call.body());
        int seconds = request.seconds() != null ? request.seconds()
                : call.providerModel().toLowerCase(Locale.ROOT).startsWith("veo") ? 8 : 10;
        return new MediaUsage(0, null, null, seconds, request.size() == null ? "1280x720" : request.sizeText(), 0, 0);
    }

    @Override
    public Optional<UpstreamRequest> cancel(ProviderEndpoint endpoint, String taskId) {
        return Optional.of(new UpstreamRequest(UpstreamRequest.DELETE, endpoint.resolve("/tasks/" + segment(taskId)),
                headers(endpoint, false), null));
    }

    /** Runway hands out output URLs only: a finished status always carries one. */
    @Override
    public UpstreamRequest download(ProviderEndpoint endpoint, String taskId, Asset asset) {
        throw new IllegalArgumentException("Runway outputs are fetched from the URL of their final status");
    }

    private static VideoStatus succeeded(JsonNode task) {
        String url = task.path("output").path(0).asString("");
        if (url.isBlank()) {
            throw MediaFailures.unreadable("Runway", "task");
        }
        try {
            return new VideoStatus(State.COMPLETED, 100, null, URI.create(url), 0, null);
        } catch (IllegalArgumentException e) {
            throw MediaFailures.unreadable("Runway", "task");
        }
    }

    private static VideoStatus failed(String message, String code) {
        return new VideoStatus(State.FAILED, -1, new ProviderError(message, "video_generation_failed", null, code), null, 0, null);
    }

    static Map<String, String> headers(ProviderEndpoint endpoint, boolean json) {
        Map<String, String> headers = new HashMap<>();
        headers.put("authorization", "Bearer " + endpoint.apiKey());
        headers.put("x-runway-version", endpoint.setting(VERSION_SETTING).orElse(DEFAULT_VERSION));
        headers.put("accept", "application/json");
        if (json) {
            headers.put("content-type", "application/json");
        }
        return Map.copyOf(headers);
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (JacksonException e) {
            // falls through
        }
        throw MediaFailures.unreadable("Runway", "task");
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
