package io.conduit.provider.minimax;

import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.media.FakeJobs;
import io.conduit.provider.testkit.media.FakeServer;
import io.conduit.provider.testkit.media.MediaBytes;
import java.io.IOException;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local MiniMax for its media APIs, answering as MiniMax does: {@code POST /v1/video_generation}
 * ({@code {"task_id","base_resp"}}), {@code GET /v1/query/video_generation?task_id=} ({@code status}
 * {@code Queueing} → {@code Processing} → {@code Success} with {@code file_id}, {@code video_width},
 * {@code video_height}; or {@code Fail} with the reason in {@code base_resp}), {@code GET /v1/files/retrieve?file_id=}
 * ({@code {"file":{"file_id","bytes","created_at","filename","purpose","download_url"},"base_resp"}}; the
 * download URL is served by the same server without the key, like MiniMax's storage),
 * {@code GET /v1/files/retrieve_content?file_id=} (the bytes, with the key), and T2A v2
 * {@code POST /v1/t2a_v2} ({@code {"data":{"audio":"<hex>","status":2},"extra_info":{...},"trace_id",
 * "base_resp"}}).
 *
 * <p>Errors come both ways MiniMax sends them: {@link #fail(int)} answers that HTTP status with the
 * gateway's error body; {@link #failInBand(int)} answers HTTP 200 with a non-zero
 * {@code base_resp.status_code}. A wrong key gets the in-band 1004; invalid parameters the in-band 2013;
 * an unknown voice 20132. Jobs advance one step per poll ({@link #jobs()}; a failed job reports
 * {@code Fail} with the failure's code, e.g. {@code failNext("1027", "output new_sensitive")}).
 *
 * <p>Documentation followed: https://platform.minimax.io/docs/api-reference/video-generation-t2v,
 * https://platform.minimax.io/docs/api-reference/video-generation-query,
 * https://platform.minimax.io/docs/api-reference/video-generation-download,
 * https://platform.minimax.io/docs/api-reference/file-management-retrieve-content,
 * https://platform.minimax.io/docs/api-reference/speech-t2a-http,
 * https://platform.minimax.io/docs/api-reference/errorcode.
 */
public final class FakeMiniMaxMedia implements AutoCloseable {

    /** Voices the fake knows (a few of MiniMax's system voices). */
    public static final Set<String> VOICES = Set.of("English_expressive_narrator", "Wise_Woman", "male-qn-qingse");

    private static final Set<Integer> DURATIONS = Set.of(6, 10);
    private static final Set<String> RESOLUTIONS = Set.of("512P", "720P", "768P", "1080P");
    private static final Set<String> AUDIO_FORMATS = Set.of("mp3", "pcm", "flac", "wav");
    private static final Map<Integer, String[]> HTTP_ERRORS = Map.of(
            400, new String[] {"bad_request_error", "invalid params (2013)"},
            401, new String[] {"authorized_error", "login fail: Please carry the API secret key in the 'Authorization' field of the request header (1004)"},
            429, new String[] {"rate_limit_error", "rate limit exceeded(RPM) (1002)"},
            500, new String[] {"api_error", "system error (1033)"},
            502, new String[] {"api_error", "bad gateway"},
            503, new String[] {"api_error", "service unavailable"},
            504, new String[] {"api_error", "gateway timeout"});
    private static final Map<Integer, String> CODE_MESSAGES = Map.of(
            1002, "rate limit exceeded(RPM)",
            1004, "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
            1008, "insufficient balance",
            1026, "input new_sensitive",
            1027, "output new_sensitive",
            2013, "invalid params",
            20132, "invalid samples or voice_id");

    private final String apiKey;
    private final FakeJobs jobs = new FakeJobs();
    private final AtomicLong ids = new AtomicLong(106916112212032L);
    private final Map<String, String> fileOfTask = new java.util.concurrent.ConcurrentHashMap<>();
    private final FakeServer server;
    private volatile int videoSize = 2 * 1024 * 1024;
    private volatile int failStatus;
    private volatile int failCode;

    public FakeMiniMaxMedia(String apiKey) {
        this.apiKey = apiKey;
        this.server = FakeServer.start("fake-minimax-media", this::handle);
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return URI.create(server.root() + "/v1");
    }

    public FakeJobs jobs() {
        return jobs;
    }

    public List<CapturedRequest> requests() {
        return server.requests();
    }

    /** Every following request gets this HTTP status with MiniMax's gateway body (0: none). */
    public FakeMiniMaxMedia fail(int status) {
        this.failStatus = status;
        return this;
    }

    /** Every following request gets HTTP 200 with this {@code base_resp.status_code} (0: none). */
    public FakeMiniMaxMedia failInBand(int code) {
        this.failCode = code;
        return this;
    }

    public FakeMiniMaxMedia videoSize(int bytes) {
        this.videoSize = bytes;
        return this;
    }

    /** The bytes of a file the fake made. */
    public byte[] fileBytes(String fileId) {
        return MediaBytes.mp4(Long.parseLong(fileId), videoSize);
    }

    /** The audio the fake speaks for a text, in a format. */
    public static byte[] audioFor(String text, String format) {
        return MediaBytes.audio(format, text.hashCode(), 4096 + text.length() * 64);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(FakeServer.Exchange exchange) throws IOException {
        String path = exchange.path();
        if (path.startsWith("/cdn/") && exchange.method().equals("GET")) {
            if (exchange.query("Signature") == null) {
                exchange.bytes(403, "application/xml", "<Error><Code>AccessDenied</Code></Error>".getBytes());
            } else {
                exchange.bytes(200, "video/mp4", fileBytes(path.substring("/cdn/".length(), path.length() - ".mp4".length())));
            }
            return;
        }
        exchange.responseHeader("trace-id", HexFormat.of().formatHex(Long.toString(ids.get()).getBytes()));
        if (failStatus > 0) {
            String[] error = HTTP_ERRORS.getOrDefault(failStatus, new String[] {"api_error", "error"});
            if (failStatus == 429) {
                exchange.responseHeader("retry-after", "3");
            }
            ObjectNode body = FakeServer.JSON.createObjectNode().put("type", "error");
            body.putObject("error").put("type", error[0]).put("message", error[1]).put("http_code", Integer.toString(failStatus));
            body.put("request_id", "req-" + ids.get());
            exchange.json(failStatus, body);
            return;
        }
        if (!("Bearer " + apiKey).equals(exchange.header("authorization"))) {
            exchange.json(200, inBand(1004));
            return;
        }
        if (failCode != 0) {
            exchange.json(200, inBand(failCode));
            return;
        }
        switch (exchange.method() + " " + path) {
            case "POST /v1/video_generation" -> submit(exchange);
            case "GET /v1/query/video_generation" -> query(exchange);
            case "GET /v1/files/retrieve" -> retrieve(exchange);
            case "GET /v1/files/retrieve_content" -> content(exchange);
            case "POST /v1/t2a_v2" -> speak(exchange);
            default -> exchange.bytes(404, "text/plain; charset=utf-8", "404 page not found".getBytes());
        }
    }

    private void submit(FakeServer.Exchange exchange) throws IOException {
        JsonNode body = exchange.jsonBody();
        boolean valid = body != null && body.path("model").isString()
                && (body.path("prompt").isString() || body.path("first_frame_image").isString())
                && (!body.has("duration") || DURATIONS.contains(body.path("duration").asInt(-1)))
                && (!body.has("resolution") || RESOLUTIONS.contains(body.path("resolution").asString("")));
        if (!valid) {
            exchange.json(200, inBand(2013));
            return;
        }
        String id = Long.toString(ids.incrementAndGet());
        jobs.submit(id, exchange.request());
        ObjectNode out = FakeServer.JSON.createObjectNode().put("task_id", id);
        out.set("base_resp", baseResp(0, "success"));
        exchange.json(200, out);
    }

    private void query(FakeServer.Exchange exchange) throws IOException {
        String id = exchange.query("task_id");
        var job = id == null ? java.util.Optional.<FakeJobs.Job>empty() : jobs.poll(id);
        if (job.isEmpty()) {
            exchange.json(200, inBand(2013));
            return;
        }
        ObjectNode out = FakeServer.JSON.createObjectNode().put("task_id", id);
        switch (job.get().phase()) {
            case QUEUED -> out.put("status", "Queueing").put("file_id", "");
            case RUNNING -> out.put("status", "Processing").put("file_id", "");
            case SUCCEEDED -> {
                String file = fileOfTask.computeIfAbsent(id, t -> Long.toString(Long.parseLong(t) + 135000000000000L));
                String resolution = job.get().submission().request().json().path("resolution").asString("768P");
                out.put("status", "Success").put("file_id", file)
                        .put("video_width", resolution.equals("1080P") ? 1920 : resolution.equals("720P") ? 1280 : 1366)
                        .put("video_height", Integer.parseInt(resolution.substring(0, resolution.length() - 1)));
            }
            default -> {
                FakeJobs.Failure failure = job.get().failure();
                out.put("status", "Fail").put("file_id", "");
                int code = failure == null ? 1000 : parse(failure.code());
                out.set("base_resp", baseResp(code, failure == null ? "unknown error" : failure.message()));
                exchange.json(200, out);
                return;
            }
        }
        out.set("base_resp", baseResp(0, "success"));
        exchange.json(200, out);
    }

    private void retrieve(FakeServer.Exchange exchange) throws IOException {
        String file = exchange.query("file_id");
        if (file == null || !fileOfTask.containsValue(file)) {
            exchange.json(200, inBand(2013));
            return;
        }
        ObjectNode out = FakeServer.JSON.createObjectNode();
        out.putObject("file").put("file_id", Long.parseLong(file)).put("bytes", videoSize).put("created_at", 1700469398L)
                .put("filename", "output_aigc.mp4").put("purpose", "video_generation")
                .put("download_url", server.root() + "/cdn/" + file + ".mp4?Expires=1700472998&OSSAccessKeyId=fake&Signature=abc");
        out.set("base_resp", baseResp(0, "success"));
        exchange.json(200, out);
    }

    private void content(FakeServer.Exchange exchange) throws IOException {
        String file = exchange.query("file_id");
        if (file == null || !fileOfTask.containsValue(file)) {
            exchange.json(200, inBand(2013));
            return;
        }
        exchange.bytes(200, "video/mp4", fileBytes(file));
    }

    private void speak(FakeServer.Exchange exchange) throws IOException {
        JsonNode body = exchange.jsonBody();
        String text = body == null ? "" : body.path("text").asString("");
        String voice = body == null ? "" : body.path("voice_setting").path("voice_id").asString("");
        String format = body == null ? "mp3" : body.path("audio_setting").path("format").asString("mp3");
        if (text.isBlank() || !body.path("model").isString() || !AUDIO_FORMATS.contains(format)) {
            exchange.json(200, inBand(2013));
            return;
        }
        if (!VOICES.contains(voice)) {
            exchange.json(200, inBand(20132));
            return;
        }
        byte[] audio = audioFor(text, format);
        ObjectNode out = FakeServer.JSON.createObjectNode();
        out.putObject("data").put("audio", HexFormat.of().formatHex(audio)).put("status", 2);
        out.putObject("extra_info").put("audio_length", text.length() * 60L).put("audio_sample_rate", 32000)
                .put("audio_size", audio.length).put("bitrate", 128000).put("word_count", text.split("\\s+").length)
                .put("invisible_character_ratio", 0).put("usage_characters", text.codePointCount(0, text.length()))
                .put("audio_format", format).put("audio_channel", 1);
        out.put("trace_id", "01b8bf9bb7433cc75c18eee6cfa8fe21");
        out.set("base_resp", baseResp(0, "success"));
        exchange.json(200, out);
    }

    private static ObjectNode inBand(int code) {
        ObjectNode out = FakeServer.JSON.createObjectNode();
        out.set("base_resp", baseResp(code, CODE_MESSAGES.getOrDefault(code, "error")));
        return out;
    }

    private static ObjectNode baseResp(int code, String message) {
        return FakeServer.JSON.createObjectNode().put("status_code", code).put("status_msg", message);
    }

    private static int parse(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 1000;
        }
    }
}
