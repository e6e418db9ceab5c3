package io.conduit.provider.minimax;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MiniMax's video generation (Hailuo), as OpenAI's {@code /videos}: {@code POST /video_generation}
 * ({@code model}, {@code prompt}, {@code duration}, {@code resolution}, {@code first_frame_image})
 * answers {@code {"task_id"}}; {@code GET /query/video_generation?task_id=} answers {@code status}
 * ({@code Preparing}, {@code Queueing}, {@code Processing}, {@code Success}, {@code Fail}; no progress)
 * and, on success, {@code file_id}, {@code video_width}, {@code video_height}; the file is found with
 * {@code GET /files/retrieve?file_id=} ({@code file.download_url}, a signed URL fetched without the
 * key: {@link #locate}) or read directly with {@code GET /files/retrieve_content?file_id=} (with the key).
 * Every answer carries {@code base_resp}: a non-zero code with HTTP 200 is an error ({@link MiniMaxCodes}),
 * except on a {@code Fail} status, where it is the job's reason (e.g. 1027, output flagged sensitive).
 *
 * <p>Mapping: {@code size} → {@code resolution} by its short side ({@code 1366x768} → {@code 768P};
 * 512P, 720P, 768P, 1080P); MiniMax picks the frame's shape itself (16:9 from text, the image's from a
 * first frame), so a portrait size without an image is refused. {@code seconds} → {@code duration};
 * {@code input_reference} (data or https URL) → {@code first_frame_image}. Defaults when absent: 6 s,
 * 768P for Hailuo models and 720P for the others.
 *
 * <p>Documentation: https://platform.minimax.io/docs/api-reference/video-generation-t2v,
 * https://platform.minimax.io/docs/api-reference/video-generation-i2v,
 * https://platform.minimax.io/docs/api-reference/video-generation-query,
 * https://platform.minimax.io/docs/api-reference/video-generation-download,
 * https://platform.minimax.io/docs/api-reference/file-management-retrieve-content,
 * https://platform.minimax.io/docs/api-reference/errorcode.
 */
final class MiniMaxVideos implements VideoJobs {

    static final int DEFAULT_SECONDS = 6;

    @Override
    public UpstreamRequest submit(ProviderEndpoint endpoint, InboundCall call) {
        VideoRequest request = VideoRequest.of(call.body());
        if (request.prompt() == null && request.inputReference() == null) {
            throw MediaFailures.badRequest("prompt", "MiniMax needs a 'prompt' (or an 'input_reference' first frame).");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("model", call.providerModel());
        if (request.prompt() != null) {
            body.put("prompt", request.prompt());
        }
        if (request.seconds() != null) {
            body.put("duration", request.seconds());
        }
        if (request.size() != null) {
            if (!request.size().landscape() && request.inputReference() == null) {
                throw MediaFailures.badRequest("size",
                        "MiniMax makes 16:9 videos from text; a portrait video needs a portrait 'input_reference'.");
            }
            body.put("resolution", resolution(request.size().width(), request.size().height()));
        }
        if (request.inputReference() != null) {
            body.put("first_frame_image", request.inputReference().asUrl());
        }
        return new UpstreamRequest(endpoint.resolve("/video_generation"), headers(endpoint, true), JSON.writeValueAsBytes(body));
    }

    @Override
    public String submitted(byte[] providerBody) {
        JsonNode root = read(providerBody);
        MiniMaxCodes.check(root);
        String id = root.path("task_id").asString("");
        if (id.isBlank()) {
            throw MediaFailures.unreadable("MiniMax", "video generation");
        }
        return id;
    }

    @Override
    public UpstreamRequest poll(ProviderEndpoint endpoint, String taskId) {
        return UpstreamRequest.get(endpoint.resolve("/query/video_generation?task_id=" + query(taskId)), headers(endpoint, false));
    }

    @Override
    public VideoStatus status(byte[] providerBody) {
        JsonNode root = read(providerBody);
        String status = root.path("status").asString("").toLowerCase(Locale.ROOT);
        int code = MiniMaxCodes.code(root);
        if (status.equals("fail") || status.equals("failed")) {
            String message = root.path("base_resp").path("status_msg").asString("");
            return new VideoStatus(State.FAILED, -1, new ProviderError(message.isBlank() ? "The video generation failed." : message,
                    "video_generation_failed", null, code == 0 ? null : Integer.toString(code)), null, 0, null);
        }
        MiniMaxCodes.check(root);
        return switch (status) {
            case "preparing", "queueing" -> new VideoStatus(State.QUEUED, -1, null, null, 0, null);
            case "processing" -> new VideoStatus(State.IN_PROGRESS, -1, null, null, 0, null);
            case "success" -> success(root);
            default -> throw MediaFailures.unreadable("MiniMax", "video query");
        };
    }

    @Override
    public MediaUsage requested(InboundCall call) {
        VideoRequest request = VideoRequest.of(call.body());
        String size = request.size() != null ? request.sizeText()
                : call.providerModel().toLowerCase(Locale.ROOT).contains("hailuo") ? "1366x768" : "1280x720";
        return new MediaUsage(0, null, null, request.seconds() == null ? DEFAULT_SECONDS : request.seconds(), size, 0, 0);
    }

    /** MiniMax's results are files named by the final status: use the four-argument form. */
    @Override
    public UpstreamRequest download(ProviderEndpoint endpoint, String taskId, Asset asset) {
        throw new IllegalArgumentException("MiniMax videos are files named by their final status");
    }

    /** The signed URL when {@link #located} found it (no key), else the file's content through the API (with the key). */
    @Override
    public UpstreamRequest download(ProviderEndpoint endpoint, String taskId, VideoStatus status, Asset asset) {
        if (asset != Asset.VIDEO) {
            throw new IllegalArgumentException("MiniMax makes no " + asset.name().toLowerCase(Locale.ROOT) + " asset");
        }
        if (status.resultUrl() != null) {
            return download(status);
        }
        if (status.resultFile() == null) {
            throw new IllegalArgumentException("the status names no file");
        }
        Map<String, String> headers = Map.of("authorization", "Bearer " + endpoint.apiKey(), "accept", "*/*");
        return UpstreamRequest.get(endpoint.resolve("/files/retrieve_content?file_id=" + query(status.resultFile())), headers);
    }

    @Override
    public Optional<UpstreamRequest> locate(ProviderEndpoint endpoint, VideoStatus status) {
        if (status.resultUrl() != null || status.resultFile() == null) {
            return Optional.empty();
        }
        return Optional.of(UpstreamRequest.get(endpoint.resolve("/files/retrieve?file_id=" + query(status.resultFile())),
                headers(endpoint, false)));
    }

    @Override
    public VideoStatus located(VideoStatus status, byte[] providerBody) {
        JsonNode root = read(providerBody);
        MiniMaxCodes.check(root);
        String url = root.path("file").path("download_url").asString("");
        if (url.isBlank()) {
            throw MediaFailures.unreadable("MiniMax", "file retrieval");
        }
        try {
            return status.withResultUrl(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw MediaFailures.unreadable("MiniMax", "file retrieval");
        }
    }

    private static VideoStatus success(JsonNode root) {
        String file = root.path("file_id").isNumber() ? root.path("file_id").asString() : root.path("file_id").asString("");
        if (file.isBlank()) {
            throw MediaFailures.unreadable("MiniMax", "video query");
        }
        int width = root.path("video_width").asInt(0);
        int height = root.path("video_height").asInt(0);
        return new VideoStatus(State.COMPLETED, 100, null, null, 0, width > 0 && height > 0 ? width + "x" + height : null, file);
    }

    private static String resolution(int width, int height) {
        int lines = Math.min(width, height);
        return switch (lines) {
            case 512, 720, 768, 1080 -> lines + "P";
            default -> throw MediaFailures.badRequest("size",
                    "MiniMax makes 512P, 720P, 768P or 1080P videos (e.g. 1366x768, 1920x1080), not " + width + "x" + height + ".");
        };
    }

    static Map<String, String> headers(ProviderEndpoint endpoint, boolean json) {
        return json
                ? Map.of("authorization", "Bearer " + endpoint.apiKey(), "content-type", "application/json", "accept", "application/json")
                : Map.of("authorization", "Bearer " + endpoint.apiKey(), "accept", "application/json");
    }

    static JsonNode read(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (JacksonException e) {
            // falls through
        }
        throw MediaFailures.unreadable("MiniMax", "media");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
