package io.conduit.provider.openai;

import static io.conduit.provider.openai.MediaRequests.text;

import io.conduit.contracts.json.JsonStrings;
import io.conduit.provider.openai.internal.ObjectEdit;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Videos API ({@code sora-2}, {@code sora-2-pro}): {@code POST /videos} (JSON body, model
 * rewritten) answers a {@code video} object whose {@code id} is the task; {@code GET /videos/{id}}
 * reports {@code status} ({@code queued}, {@code in_progress}, {@code completed}, {@code failed}),
 * {@code progress}, {@code seconds}, {@code size} and a failed job's {@code error}; the bytes come
 * from {@code GET /videos/{id}/content?variant=video|thumbnail} with the credential (no public URL).
 */
final class OpenAiVideos implements VideoJobs {

    private final OpenAiPreset preset;

    OpenAiVideos(OpenAiPreset preset) {
        this.preset = preset;
    }

    @Override
    public UpstreamRequest submit(ProviderEndpoint endpoint, InboundCall call) {
        byte[] model = JsonStrings.quoteUtf8(call.providerModel());
        byte[] body = new ObjectEdit(call.body()).replace("model", model).add("model", model).toBytes();
        return new UpstreamRequest(endpoint.resolve("/videos"),
                MediaRequests.headers(preset, endpoint, "application/json", "application/json"), body);
    }

    @Override
    public String submitted(byte[] providerBody) {
        String id = text(MediaRequests.json(providerBody, "video").get("id"));
        if (id == null) {
            throw MediaRequests.unreadable("video");
        }
        return id;
    }

    @Override
    public UpstreamRequest poll(ProviderEndpoint endpoint, String taskId) {
        return UpstreamRequest.get(endpoint.resolve("/videos/" + segment(taskId)),
                MediaRequests.headers(preset, endpoint, null, "application/json"));
    }

    @Override
    public VideoStatus status(byte[] providerBody) {
        JsonNode root = MediaRequests.json(providerBody, "video");
        State state = switch (String.valueOf(text(root.get("status")))) {
            case "queued" -> State.QUEUED;
            case "in_progress" -> State.IN_PROGRESS;
            case "completed" -> State.COMPLETED;
            case "failed" -> State.FAILED;
            default -> throw MediaRequests.unreadable("video");
        };
        int progress = root.path("progress").isNumber() ? root.path("progress").asInt() : -1;
        ProviderError failure = null;
        if (state == State.FAILED) {
            JsonNode error = root.path("error");
            String message = text(error.get("message"));
            failure = new ProviderError(message != null ? message : "The video generation failed.", "video_generation_failed",
                    null, text(error.get("code")));
        }
        return new VideoStatus(state, progress, failure, null, seconds(root.get("seconds")), text(root.get("size")));
    }

    @Override
    public UpstreamRequest download(ProviderEndpoint endpoint, String taskId, Asset asset) {
        String variant = asset == Asset.THUMBNAIL ? "thumbnail" : "video";
        return UpstreamRequest.get(endpoint.resolve("/videos/" + segment(taskId) + "/content?variant=" + variant),
                MediaRequests.headers(preset, endpoint, null, "*/*"));
    }

    /** {@code seconds} is a string in the API ({@code "8"}); a number is taken too. */
    private static long seconds(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isNumber()) {
            return Math.max(0, Math.round(node.asDouble()));
        }
        try {
            return node.isString() ? Math.max(0, Math.round(Double.parseDouble(node.asString().strip()))) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String segment(String taskId) {
        return URLEncoder.encode(taskId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
