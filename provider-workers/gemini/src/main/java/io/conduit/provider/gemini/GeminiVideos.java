package io.conduit.provider.gemini;

import static io.conduit.provider.gemini.GeminiJson.MAPPER;
import static io.conduit.provider.gemini.GeminiJson.text;

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
import io.conduit.provider.spi.media.VideoSize;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Veo on the Gemini API, as OpenAI's {@code /videos}. A job is a long-running operation:
 * {@code POST {base}/models/{model}:predictLongRunning} with {@code {"instances":[{"prompt","image"}],
 * "parameters":{"aspectRatio","resolution","durationSeconds"}}} answers {@code {"name":
 * "models/{model}/operations/{id}"}}, the task id; {@code GET {base}/{name}} answers the operation,
 * {@code {"name"}} while it runs (Veo reports no progress), then {@code "done": true} with either
 * {@code error} (a google.rpc.Status) or {@code response.generateVideoResponse.generatedSamples[].video.uri}.
 * That URI ({@code .../files/{id}:download?alt=media}) is fetched with the API key and answers with a
 * redirect to the bytes: the caller's transport must follow it. A video withheld by Google's filters
 * comes as a done operation without samples but with {@code raiMediaFilteredReasons}: a failed job.
 *
 * <p>Mapping: {@code prompt} → {@code instances[0].prompt}; {@code input_reference} (a base64 data URL;
 * the Gemini API takes no image URLs) → {@code instances[0].image} ({@code bytesBase64Encoded},
 * {@code mimeType}); {@code seconds} → {@code durationSeconds}; {@code size} → {@code aspectRatio}
 * ({@code 1280x720} → {@code 16:9}, {@code 720x1280} → {@code 9:16}, the only two Veo makes) and
 * {@code resolution} ({@code 720p}, {@code 1080p}, {@code 4k} for 2160 lines). Veo's defaults (8 s,
 * 16:9, 720p) are what {@link #requested} reports when the client leaves them out; Veo's answers say
 * neither length nor size.
 *
 * <p>Documentation: https://ai.google.dev/gemini-api/docs/video,
 * https://ai.google.dev/api/models#method:-models.predictlongrunning,
 * https://ai.google.dev/api/batch-mode#Operation (google.longrunning.Operation),
 * https://ai.google.dev/api/files.
 */
final class GeminiVideos implements VideoJobs {

    static final int DEFAULT_SECONDS = 8;
    static final String DEFAULT_SIZE = "1280x720";

    private final GeminiApi api;

    GeminiVideos(GeminiApi api) {
        this.api = api;
    }

    @Override
    public UpstreamRequest submit(ProviderEndpoint endpoint, InboundCall call) {
        VideoRequest request = VideoRequest.of(call.body());
        if (request.prompt() == null && request.inputReference() == null) {
            throw MediaFailures.badRequest("prompt", "Veo needs a 'prompt' (or an 'input_reference' image).");
        }
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode instance = body.putArray("instances").addObject();
        if (request.prompt() != null) {
            instance.put("prompt", request.prompt());
        }
        if (request.inputReference() != null) {
            if (!request.inputReference().inline()) {
                throw MediaFailures.badRequest("input_reference",
                        "Veo on the Gemini API takes the reference image inline: send it as a base64 data URL.");
            }
            instance.putObject("image").put("bytesBase64Encoded", request.inputReference().base64())
                    .put("mimeType", request.inputReference().mimeType());
        }
        ObjectNode parameters = body.putObject("parameters");
        if (request.size() != null) {
            parameters.put("aspectRatio", aspectRatio(request.size()));
            parameters.put("resolution", resolution(request.size()));
        }
        if (request.seconds() != null) {
            parameters.put("durationSeconds", request.seconds());
        }
        if (parameters.isEmpty()) {
            body.remove("parameters");
        }
        return new UpstreamRequest(api.uri(endpoint, call.providerModel(), "predictLongRunning"),
                api.headers(endpoint, false), GeminiJson.bytes(body));
    }

    @Override
    public String submitted(byte[] providerBody) {
        String name = text(operation(providerBody).get("name"));
        if (name == null || name.isBlank()) {
            throw MediaFailures.unreadable("Gemini", "video operation");
        }
        return name;
    }

    @Override
    public UpstreamRequest poll(ProviderEndpoint endpoint, String taskId) {
        return UpstreamRequest.get(endpoint.resolve("/" + GeminiApi.pathSafe(taskId)), readHeaders(endpoint));
    }

    @Override
    public VideoStatus status(byte[] providerBody) {
        JsonNode operation = operation(providerBody);
        JsonNode error = operation.path("error");
        if (error.isObject()) {
            String message = text(error.get("message"));
            return failed(message == null ? "The video generation failed." : message,
                    error.path("code").isNumber() ? error.path("code").asString() : text(error.get("status")));
        }
        if (!operation.path("done").asBoolean(false)) {
            return new VideoStatus(State.IN_PROGRESS, -1, null, null, 0, null);
        }
        JsonNode result = operation.path("response").path("generateVideoResponse");
        for (JsonNode sample : result.path("generatedSamples")) {
            String uri = text(sample.path("video").get("uri"));
            if (uri != null && !uri.isBlank()) {
                return new VideoStatus(State.COMPLETED, 100, null, null, 0, null, uri);
            }
        }
        if (result.path("raiMediaFilteredCount").asInt(0) > 0 || !result.path("raiMediaFilteredReasons").isEmpty()) {
            List<String> reasons = new ArrayList<>();
            result.path("raiMediaFilteredReasons").forEach(reason -> reasons.add(reason.asString()));
            return failed(reasons.isEmpty() ? "The video was withheld by Google's safety filters." : String.join(" ", reasons),
                    "content_filter");
        }
        throw MediaFailures.unreadable("Gemini", "video operation");
    }

    @Override
    public MediaUsage requested(InboundCall call) {
        VideoRequest request = VideoRequest.of(call.body());
        return new MediaUsage(0, null, null, request.seconds() == null ? DEFAULT_SECONDS : request.seconds(),
                request.size() == null ? DEFAULT_SIZE : request.sizeText(), 0, 0);
    }

    /** Veo's results are only reachable through the URI of the final status: use the four-argument form. */
    @Override
    public UpstreamRequest download(ProviderEndpoint endpoint, String taskId, Asset asset) {
        throw new IllegalArgumentException("Veo videos are fetched from the file URI of their final status");
    }

    /**
     * The file URI of the final status, with the API key only when it points at the configured API
     * (scheme, host and port of the base URL), so the key never travels elsewhere.
     */
    @Override
    public UpstreamRequest download(ProviderEndpoint endpoint, String taskId, VideoStatus status, Asset asset) {
        if (asset != Asset.VIDEO) {
            throw new IllegalArgumentException("Veo makes no " + asset.name().toLowerCase() + " asset");
        }
        if (status.resultFile() == null) {
            throw new IllegalArgumentException("the status names no video file");
        }
        URI file = URI.create(status.resultFile());
        return UpstreamRequest.get(file, sameOrigin(file, endpoint.baseUrl())
                ? Map.of("x-goog-api-key", endpoint.apiKey(), "accept", "*/*") : Map.of());
    }

    private static String aspectRatio(VideoSize size) {
        String ratio = size.aspectRatio();
        if (!ratio.equals("16:9") && !ratio.equals("9:16")) {
            throw MediaFailures.badRequest("size", "Veo makes 16:9 or 9:16 videos (e.g. 1280x720, 720x1280), not " + size + ".");
        }
        return ratio;
    }

    private static String resolution(VideoSize size) {
        return switch (Math.min(size.width(), size.height())) {
            case 720 -> "720p";
            case 1080 -> "1080p";
            case 2160 -> "4k";
            default -> throw MediaFailures.badRequest("size", "Veo makes 720p, 1080p or 4k videos, not " + size + ".");
        };
    }

    private static VideoStatus failed(String message, String code) {
        return new VideoStatus(State.FAILED, -1, new ProviderError(message, "video_generation_failed", null, code), null, 0,
                null);
    }

    private static JsonNode operation(byte[] body) {
        JsonNode root = GeminiJson.parseOrNull(body, 0, body.length);
        if (root == null || !root.isObject()) {
            throw MediaFailures.unreadable("Gemini", "video operation");
        }
        return root;
    }

    private static Map<String, String> readHeaders(ProviderEndpoint endpoint) {
        return Map.of("x-goog-api-key", endpoint.apiKey(), "accept", "application/json");
    }

    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
}
