package io.conduit.provider.elevenlabs;

import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.media.FakeServer;
import io.conduit.provider.testkit.media.MediaBytes;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local ElevenLabs text to speech: {@code POST /v1/text-to-speech/{voice_id}} and
 * {@code .../{voice_id}/stream}, {@code output_format} in the query (default {@code mp3_44100_128}),
 * answered with the audio itself ({@code audio/mpeg}, {@code audio/opus}, {@code audio/wav} or
 * {@code audio/pcm}; the stream chunked) and a {@code request-id} header. Checks as ElevenLabs does: the
 * {@code xi-api-key} (missing or wrong → 401 {@code invalid_api_key}), the voice (unknown → 404
 * {@code voice_not_found}), the body (no {@code text} → 422 with FastAPI's {@code detail} list), the
 * output format (unknown → 422). Errors are {@code {"detail":{"status","message"}}}.
 *
 * <p>{@link #fail(int)} answers every request with that status (429 as {@code too_many_concurrent_requests},
 * 401 as {@code quota_exceeded}, 503 as {@code system_busy}); {@link #failWith(int, String, String)} with
 * any {@code detail.status} and message. The audio is {@link #audioFor}: deterministic bytes by text and format.
 *
 * <p>Documentation followed: https://elevenlabs.io/docs/api-reference/text-to-speech/convert,
 * https://elevenlabs.io/docs/api-reference/text-to-speech/stream, https://help.elevenlabs.io/hc/en-us/articles/19572237925521.
 */
public final class FakeElevenLabs implements AutoCloseable {

    /** Voices the fake knows (ElevenLabs premade voice ids). */
    public static final Set<String> VOICES = Set.of("JBFqnCBsd6RMkjVDRZzb", "21m00Tcm4TlvDq8ikWAM", "EXAVITQu4vr4xnSDxMaL");
    private static final Set<String> FORMATS = Set.of("mp3_22050_32", "mp3_44100_32", "mp3_44100_64", "mp3_44100_96",
            "mp3_44100_128", "mp3_44100_192", "pcm_8000", "pcm_16000", "pcm_22050", "pcm_24000", "pcm_44100", "pcm_48000",
            "ulaw_8000", "alaw_8000", "opus_48000_32", "opus_48000_64", "opus_48000_96", "opus_48000_128", "opus_48000_192",
            "wav_8000", "wav_16000", "wav_22050", "wav_24000", "wav_44100", "wav_48000");

    private final String apiKey;
    private final AtomicLong requestIds = new AtomicLong();
    private final FakeServer server;
    private volatile int failStatus;
    private volatile String failCode;
    private volatile String failMessage;

    public FakeElevenLabs(String apiKey) {
        this.apiKey = apiKey;
        this.server = FakeServer.start("fake-elevenlabs", this::handle);
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return URI.create(server.root() + "/v1");
    }

    public List<CapturedRequest> requests() {
        return server.requests();
    }

    /** Every following request gets this status with ElevenLabs' usual reason for it (0: none). */
    public FakeElevenLabs fail(int status) {
        return failWith(status, switch (status) {
            case 400 -> "max_character_limit_exceeded";
            case 401 -> "quota_exceeded";
            case 429 -> "too_many_concurrent_requests";
            case 503 -> "system_busy";
            default -> "internal_error";
        }, "The request failed with status " + status + ".");
    }

    /** Every following request gets this status with this {@code detail.status} and message. */
    public FakeElevenLabs failWith(int status, String code, String message) {
        this.failStatus = status;
        this.failCode = code;
        this.failMessage = message;
        return this;
    }

    /** The audio the fake speaks for a text in an output format. */
    public static byte[] audioFor(String text, String outputFormat) {
        return MediaBytes.audio(outputFormat.substring(0, outputFormat.indexOf('_')), text.hashCode(), 8192 + text.length() * 96);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(FakeServer.Exchange exchange) throws IOException {
        exchange.responseHeader("request-id", "req" + requestIds.incrementAndGet());
        if (failStatus > 0) {
            detail(exchange, failStatus, failCode, failMessage);
            return;
        }
        String key = exchange.header("xi-api-key");
        if (key == null || !key.equals(apiKey)) {
            detail(exchange, 401, "invalid_api_key", "Invalid API key");
            return;
        }
        String[] parts = exchange.path().split("/");
        boolean tts = parts.length >= 4 && parts[1].equals("v1") && parts[2].equals("text-to-speech");
        boolean stream = parts.length == 5 && "stream".equals(parts[4]);
        if (!tts || !exchange.method().equals("POST") || (parts.length == 5 && !stream) || parts.length > 5) {
            exchange.json(404, FakeServer.JSON.createObjectNode().put("detail", "Not Found"));
            return;
        }
        if (!VOICES.contains(parts[3])) {
            detail(exchange, 404, "voice_not_found", "A voice with the voice_id " + parts[3] + " was not found.");
            return;
        }
        String format = exchange.query("output_format") == null ? "mp3_44100_128" : exchange.query("output_format");
        JsonNode body = exchange.jsonBody();
        if (body == null || !body.path("text").isString() || !FORMATS.contains(format)) {
            ObjectNode out = FakeServer.JSON.createObjectNode();
            ObjectNode problem = out.putArray("detail").addObject().put("type", "missing");
            problem.putArray("loc").add(body == null || !body.path("text").isString() ? "body" : "query")
                    .add(body == null || !body.path("text").isString() ? "text" : "output_format");
            problem.put("msg", body == null || !body.path("text").isString() ? "Field required" : "Input should be a valid output format");
            exchange.json(422, out);
            return;
        }
        byte[] audio = audioFor(body.path("text").asString(), format);
        String contentType = switch (format.substring(0, format.indexOf('_'))) {
            case "mp3" -> "audio/mpeg";
            case "opus" -> "audio/opus";
            case "wav" -> "audio/wav";
            default -> "audio/pcm";
        };
        exchange.bytes(200, contentType, audio);
    }

    private static void detail(FakeServer.Exchange exchange, int status, String code, String message) throws IOException {
        ObjectNode out = FakeServer.JSON.createObjectNode();
        out.putObject("detail").put("status", code).put("message", message);
        exchange.json(status, out);
    }
}
