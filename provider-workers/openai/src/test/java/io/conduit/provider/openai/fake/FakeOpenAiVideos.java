package io.conduit.provider.openai.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake of OpenAI's Videos API (https://platform.openai.com/docs/api-reference/videos):
 * {@code POST /v1/videos} answers a {@code video} object ({@code "status":"queued"}, {@code "progress":0});
 * {@code GET /v1/videos/{id}} reports it, one step further on each poll ({@code in_progress} with a
 * rising {@code progress}, then {@code completed} — or {@code failed} with {@code error.code} and
 * {@code error.message} when told to fail); {@code GET /v1/videos/{id}/content?variant=video|thumbnail}
 * serves its bytes ({@code video/mp4}, {@code image/webp}); {@code DELETE /v1/videos/{id}} deletes it.
 * Bearer authentication (a wrong key gets OpenAI's 401 envelope), {@code x-request-id} on every answer,
 * OpenAI's 404 envelope for an unknown video. Progress is driven by polls, not by time, so tests are
 * deterministic. Every submission is logged with its prompt.
 */
public final class FakeOpenAiVideos implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One logged {@code POST /v1/videos}. */
    public record Submission(String videoId, String model, String prompt, Instant at) {}

    private final class Video {
        final String id;
        final String model;
        final String prompt;
        final String seconds;
        final String size;
        final long createdAt = Instant.now().getEpochSecond();
        final AtomicInteger polls = new AtomicInteger();
        final String failCode;
        final String failMessage;

        Video(String id, String model, String prompt, String seconds, String size, String failCode, String failMessage) {
            this.id = id;
            this.model = model;
            this.prompt = prompt;
            this.seconds = seconds;
            this.size = size;
            this.failCode = failCode;
            this.failMessage = failMessage;
        }

        /** 0 queued, then steps of in_progress, then completed (or failed). */
        String status() {
            int step = polls.get();
            if (step == 0) {
                return "queued";
            }
            if (step <= steps) {
                return "in_progress";
            }
            return failCode != null ? "failed" : "completed";
        }

        int progress() {
            return switch (status()) {
                case "queued" -> 0;
                case "in_progress" -> Math.min(99, (polls.get() - 1) * 100 / steps);
                case "completed" -> 100;
                default -> Math.min(99, steps * 100 / (steps + 1));
            };
        }
    }

    private final String apiKey;
    private final int steps;
    private final int videoBytes;
    private final Map<String, Video> videos = new ConcurrentHashMap<>();
    private final List<Submission> submissions = new CopyOnWriteArrayList<>();
    private final Map<String, Long> endedAtNanos = new ConcurrentHashMap<>();
    private volatile String failCode;
    private volatile String failMessage;
    private volatile int rateLimitNext;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param apiKey the only key accepted
     * @param steps polls a video spends {@code in_progress} before it ends
     * @param videoBytes size of each video's content
     */
    public FakeOpenAiVideos(String apiKey, int steps, int videoBytes) {
        this.apiKey = apiKey;
        this.steps = Math.max(1, steps);
        this.videoBytes = videoBytes;
    }

    public FakeOpenAiVideos start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/v1/videos", this::handle);
        server.start();
        return this;
    }

    /** The base URL to configure, e.g. {@code http://127.0.0.1:4711/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Videos submitted from now on fail with this code and message (null: they succeed). */
    public void failNewVideos(String code, String message) {
        this.failCode = code;
        this.failMessage = message;
    }

    /** The next {@code n} requests get OpenAI's 429 with {@code retry-after: 0}. */
    public void rateLimitNext(int n) {
        this.rateLimitNext = n;
    }

    public List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    /**
     * When the fake first reported the video ended ({@link System#nanoTime()}): the provider's
     * completion as a poller sees it; null while it runs.
     */
    public Long endedAtNanos(String videoId) {
        return endedAtNanos.get(videoId);
    }

    /** The bytes of a video's content, as served. */
    public byte[] content(String videoId) {
        return bytes(videoId, videoBytes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
            String auth = exchange.getRequestHeaders().getFirst("authorization");
            if (!("Bearer " + apiKey).equals(auth)) {
                error(exchange, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
                return;
            }
            synchronized (this) {
                if (rateLimitNext > 0) {
                    rateLimitNext--;
                    exchange.getResponseHeaders().add("retry-after", "0");
                    error(exchange, 429, "Rate limit reached for requests.", "requests", "rate_limit_exceeded");
                    return;
                }
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String rest = path.substring("/v1/videos".length());
            if (rest.isEmpty() || rest.equals("/")) {
                if (method.equals("POST")) {
                    create(exchange);
                } else {
                    error(exchange, 405, "Method not allowed.", "invalid_request_error", null);
                }
                return;
            }
            String[] parts = rest.substring(1).split("/");
            Video video = videos.get(parts[0]);
            if (video == null) {
                error(exchange, 404, "Video with id '" + parts[0] + "' not found.", "invalid_request_error", "not_found");
                return;
            }
            if (parts.length == 1 && method.equals("GET")) {
                video.polls.incrementAndGet();
                ObjectNode body = render(video);
                if (video.status().equals("completed") || video.status().equals("failed")) {
                    endedAtNanos.putIfAbsent(video.id, System.nanoTime());
                }
                json(exchange, 200, body);
            } else if (parts.length == 1 && method.equals("DELETE")) {
                videos.remove(video.id);
                json(exchange, 200, JSON.createObjectNode().put("id", video.id).put("object", "video.deleted").put("deleted", true));
            } else if (parts.length == 2 && parts[1].equals("content") && method.equals("GET")) {
                content(exchange, video);
            } else {
                error(exchange, 404, "Not found.", "invalid_request_error", null);
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (RuntimeException e) {
            error(exchange, 400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
            return;
        }
        if (!body.hasNonNull("prompt")) {
            error(exchange, 400, "Missing required parameter: 'prompt'.", "invalid_request_error", "missing_required_parameter");
            return;
        }
        String id = "video_" + UUID.randomUUID().toString().replace("-", "");
        Video video = new Video(id, body.path("model").asString("sora-2"), body.get("prompt").asString(),
                body.path("seconds").asString("4"), body.path("size").asString("720x1280"), failCode, failMessage);
        videos.put(id, video);
        submissions.add(new Submission(id, video.model, video.prompt, Instant.now()));
        json(exchange, 200, render(video));
    }

    private void content(HttpExchange exchange, Video video) throws IOException {
        if (!video.status().equals("completed")) {
            error(exchange, 400, "Video is not ready yet.", "invalid_request_error", "video_not_ready");
            return;
        }
        String query = exchange.getRequestURI().getQuery();
        boolean thumbnail = query != null && query.contains("variant=thumbnail");
        byte[] bytes = thumbnail ? bytes(video.id + "#thumbnail", 2048) : bytes(video.id, videoBytes);
        exchange.getResponseHeaders().add("content-type", thumbnail ? "image/webp" : "video/mp4");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ObjectNode render(Video video) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", video.id);
        node.put("object", "video");
        node.put("model", video.model);
        node.put("status", video.status());
        node.put("progress", video.progress());
        node.put("created_at", video.createdAt);
        if (video.status().equals("completed") || video.status().equals("failed")) {
            node.put("completed_at", Instant.now().getEpochSecond());
        } else {
            node.putNull("completed_at");
        }
        node.putNull("expires_at");
        node.put("prompt", video.prompt);
        node.put("size", video.size);
        node.put("seconds", video.seconds);
        node.putNull("remixed_from_video_id");
        if (video.status().equals("failed")) {
            node.putObject("error").put("code", video.failCode).put("message", video.failMessage);
        } else {
            node.putNull("error");
        }
        return node;
    }

    /** Deterministic content for an id. */
    static byte[] bytes(String seed, int length) {
        byte[] bytes = new byte[length];
        long x = seed.hashCode() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        return bytes;
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void error(HttpExchange exchange, int status, String message, String type, String code) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        json(exchange, status, body);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
