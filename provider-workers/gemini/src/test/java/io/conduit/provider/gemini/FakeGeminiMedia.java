package io.conduit.provider.gemini;

import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.media.FakeJobs;
import io.conduit.provider.testkit.media.FakeServer;
import io.conduit.provider.testkit.media.MediaBytes;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Gemini API for its media methods, answering as Google does: Veo's
 * {@code POST /v1beta/models/{model}:predictLongRunning} (→ {@code {"name":"models/{model}/operations/{id}"}}),
 * the operation poll {@code GET /v1beta/models/{model}/operations/{id}} ({@code {"name"}} while running, no
 * progress; then {@code "done": true} with the {@code generateVideoResponse} or an {@code error}), the
 * video file {@code GET /v1beta/files/{id}:download?alt=media} (API key required; a {@code 302} to a
 * signed storage URL on the same server, which serves the bytes without credentials), and Imagen's
 * {@code POST /v1beta/models/{model}:predict} ({@code {"predictions":[{"bytesBase64Encoded","mimeType"}]}}).
 * Requests are checked as Google checks them: the API key ({@code x-goog-api-key}; none → 403, wrong →
 * 400 {@code API_KEY_INVALID}), the instance and the parameter values Veo and Imagen accept (400
 * {@code INVALID_ARGUMENT} otherwise). Errors are Google's JSON error bodies.
 *
 * <p>Jobs advance one step per poll ({@link #jobs()}: {@code stepsToFinish}, {@code pollsAdvance(false)}
 * and {@code advance}, {@code failNext(code, message)} for an operation {@code error}, the submission
 * log). {@link #filterNextVideo} makes the next video withheld by the safety filters; {@link #filterImages}
 * withholds images. Each video is {@link #videoBytes(String)}: deterministic MP4-looking bytes.
 *
 * <p>Documentation followed: https://ai.google.dev/gemini-api/docs/video (REST examples),
 * https://ai.google.dev/api/models#method:-models.predictlongrunning, https://ai.google.dev/api/files,
 * https://ai.google.dev/gemini-api/docs/imagen, https://ai.google.dev/gemini-api/docs/troubleshooting.
 */
public final class FakeGeminiMedia implements AutoCloseable {

    private static final Pattern MODEL_METHOD = Pattern.compile("^/v1beta/models/([^/:]+):(predictLongRunning|predict)$");
    private static final Pattern OPERATION = Pattern.compile("^/v1beta/(models/[^/]+/operations/[^/]+)$");
    private static final Pattern FILE = Pattern.compile("^/v1beta/files/([^/:]+):download$");
    private static final Pattern STORAGE = Pattern.compile("^/storage/([^/]+)\\.mp4$");
    private static final Set<String> RATIOS = Set.of("16:9", "9:16");
    private static final Set<String> RESOLUTIONS = Set.of("720p", "1080p", "4k");
    private static final Set<String> IMAGE_RATIOS = Set.of("1:1", "3:4", "4:3", "9:16", "16:9");

    private final String apiKey;
    private final FakeJobs jobs = new FakeJobs();
    private final AtomicInteger ids = new AtomicInteger();
    private final FakeServer server;
    private volatile int videoSize = 3 * 1024 * 1024;
    private volatile int failStatus;
    private volatile String filterNextVideo;
    private volatile String imageFilter;
    private final java.util.Map<String, String> filtered = new java.util.concurrent.ConcurrentHashMap<>();

    public FakeGeminiMedia(String apiKey) {
        this.apiKey = apiKey;
        this.server = FakeServer.start("fake-gemini-media", this::handle);
    }

    /** {@code http://127.0.0.1:PORT/v1beta}, the base URL to configure. */
    public URI baseUrl() {
        return URI.create(server.root() + "/v1beta");
    }

    public FakeJobs jobs() {
        return jobs;
    }

    /** Every request, polls and downloads included. */
    public List<CapturedRequest> requests() {
        return server.requests();
    }

    /** Every following request gets Google's error for this status (0: none). */
    public FakeGeminiMedia fail(int status) {
        this.failStatus = status;
        return this;
    }

    /** The next video submitted ends done but withheld by the safety filters, with this reason. */
    public FakeGeminiMedia filterNextVideo(String reason) {
        this.filterNextVideo = reason;
        return this;
    }

    /** Every following Imagen prediction is withheld with this reason (null: none). */
    public FakeGeminiMedia filterImages(String reason) {
        this.imageFilter = reason;
        return this;
    }

    /** The size of each video served. */
    public FakeGeminiMedia videoSize(int bytes) {
        this.videoSize = bytes;
        return this;
    }

    /** The bytes of the video of an operation (by its name's last segment). */
    public byte[] videoBytes(String operationId) {
        return MediaBytes.mp4(operationId.hashCode(), videoSize);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(FakeServer.Exchange exchange) throws IOException {
        String path = exchange.path();
        Matcher storage = STORAGE.matcher(path);
        if (storage.matches() && exchange.method().equals("GET")) {
            // the signed storage host: no API key, a signature instead
            if (exchange.query("X-Goog-Signature") == null) {
                exchange.bytes(403, "application/xml; charset=UTF-8",
                        "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code></Error>".getBytes());
                return;
            }
            exchange.bytes(200, "video/mp4", videoBytes(storage.group(1)));
            return;
        }
        ObjectNode denied = authProblem(exchange);
        if (denied != null) {
            google(exchange, denied);
            return;
        }
        if (failStatus > 0) {
            google(exchange, FakeGeminiWire.error(failStatus, "veo", false));
            return;
        }
        Matcher method = MODEL_METHOD.matcher(path);
        Matcher operation = OPERATION.matcher(path);
        Matcher file = FILE.matcher(path);
        if (method.matches() && exchange.method().equals("POST")) {
            JsonNode body = exchange.jsonBody();
            if (body == null) {
                google(exchange, FakeGeminiWire.error(400, "Invalid JSON payload received.", "INVALID_ARGUMENT"));
            } else if (method.group(2).equals("predictLongRunning")) {
                submit(exchange, method.group(1), body);
            } else {
                predictImages(exchange, body);
            }
        } else if (operation.matches() && exchange.method().equals("GET")) {
            poll(exchange, operation.group(1));
        } else if (file.matches() && exchange.method().equals("GET") && "media".equals(exchange.query("alt"))) {
            exchange.redirect(302, server.root() + "/storage/" + file.group(1) + ".mp4?X-Goog-Signature=fake&X-Goog-Expires=3600");
        } else {
            google(exchange, FakeGeminiWire.error(404, "Method not found.", "NOT_FOUND"));
        }
    }

    private void submit(FakeServer.Exchange exchange, String model, JsonNode body) throws IOException {
        String problem = videoProblem(body);
        if (problem != null) {
            google(exchange, FakeGeminiWire.error(400, problem, "INVALID_ARGUMENT"));
            return;
        }
        String name = "models/" + model + "/operations/" + Integer.toString(36 * 36 * 36 + ids.incrementAndGet(), 36) + "op";
        jobs.submit(name, exchange.request());
        String reason = filterNextVideo;
        filterNextVideo = null;
        if (reason != null) {
            filtered.put(name, reason);
        }
        exchange.json(200, FakeServer.JSON.createObjectNode().put("name", name));
    }

    private void poll(FakeServer.Exchange exchange, String name) throws IOException {
        var job = jobs.poll(name);
        if (job.isEmpty()) {
            google(exchange, FakeGeminiWire.error(404, "Operation not found: " + name, "NOT_FOUND"));
            return;
        }
        ObjectNode out = FakeServer.JSON.createObjectNode().put("name", name);
        switch (job.get().phase()) {
            case QUEUED, RUNNING -> { }
            case FAILED -> {
                out.put("done", true);
                out.putObject("error").put("code", 13).put("message", job.get().failure().message());
            }
            default -> {
                out.put("done", true);
                ObjectNode response = out.putObject("response");
                response.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse");
                ObjectNode result = response.putObject("generateVideoResponse");
                String reason = filtered.get(name);
                if (reason != null) {
                    result.put("raiMediaFilteredCount", 1);
                    result.putArray("raiMediaFilteredReasons").add(reason);
                } else {
                    String id = name.substring(name.lastIndexOf('/') + 1);
                    result.putArray("generatedSamples").addObject().putObject("video")
                            .put("uri", baseUrl() + "/files/" + id + ":download?alt=media");
                }
            }
        }
        exchange.json(200, out);
    }

    private void predictImages(FakeServer.Exchange exchange, JsonNode body) throws IOException {
        String prompt = body.path("instances").path(0).path("prompt").asString("");
        JsonNode parameters = body.path("parameters");
        int count = parameters.path("sampleCount").asInt(4);
        if (prompt.isBlank()) {
            google(exchange, FakeGeminiWire.error(400, "Prompt is required.", "INVALID_ARGUMENT"));
            return;
        }
        if (count < 1 || count > 4 || (parameters.has("aspectRatio") && !IMAGE_RATIOS.contains(parameters.path("aspectRatio").asString()))) {
            google(exchange, FakeGeminiWire.error(400, "Request contains an invalid argument.", "INVALID_ARGUMENT"));
            return;
        }
        ObjectNode out = FakeServer.JSON.createObjectNode();
        ArrayNode predictions = out.putArray("predictions");
        for (int i = 0; i < count; i++) {
            if (imageFilter != null) {
                predictions.addObject().put("raiFilteredReason", imageFilter);
            } else {
                predictions.addObject().put("mimeType", "image/png")
                        .put("bytesBase64Encoded", java.util.Base64.getEncoder().encodeToString(MediaBytes.png(prompt.hashCode() + i, 512)));
            }
        }
        exchange.json(200, out);
    }

    private static String videoProblem(JsonNode body) {
        JsonNode instance = body.path("instances").path(0);
        if (!instance.isObject()) {
            return "* GenerateVideoRequest.instances: at least one instance is required\n";
        }
        JsonNode image = instance.path("image");
        if (!instance.path("prompt").isString() && !image.isObject()) {
            return "A prompt or an image is required.";
        }
        if (image.isObject() && (!image.path("bytesBase64Encoded").isString() || !image.path("mimeType").isString())) {
            return "Invalid value at 'instances[0].image': bytesBase64Encoded and mimeType are required.";
        }
        JsonNode parameters = body.path("parameters");
        if (parameters.has("aspectRatio") && !RATIOS.contains(parameters.path("aspectRatio").asString(""))) {
            return "Aspect ratio " + parameters.path("aspectRatio") + " is not supported.";
        }
        if (parameters.has("resolution") && !RESOLUTIONS.contains(parameters.path("resolution").asString(""))) {
            return "Resolution " + parameters.path("resolution") + " is not supported.";
        }
        if (parameters.has("durationSeconds") && (!parameters.path("durationSeconds").isIntegralNumber()
                || parameters.path("durationSeconds").asInt() < 4 || parameters.path("durationSeconds").asInt() > 8)) {
            return "The number value for `durationSeconds` is out of bound. Please provide a value between 4 and 8, inclusive.";
        }
        return null;
    }

    private ObjectNode authProblem(FakeServer.Exchange exchange) {
        String key = exchange.header("x-goog-api-key");
        if (key == null) {
            key = exchange.query("key");
        }
        if (key == null) {
            return FakeGeminiWire.error(403, "Method doesn't allow unregistered callers (callers without established "
                    + "identity). Please use API Key or other form of API consumer identity to call this API.", "PERMISSION_DENIED");
        }
        if (!key.equals(apiKey)) {
            return FakeGeminiWire.withReason(FakeGeminiWire.error(400, "API key not valid. Please pass a valid API key.",
                    "INVALID_ARGUMENT"), "API_KEY_INVALID", false);
        }
        return null;
    }

    private static void google(FakeServer.Exchange exchange, ObjectNode error) throws IOException {
        exchange.responseHeader("vary", "Origin, X-Origin, Referer").responseHeader("x-content-type-options", "nosniff")
                .json(error.path("error").path("code").asInt(500), error);
    }
}
