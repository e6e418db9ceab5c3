package io.conduit.provider.minimax;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import io.conduit.provider.testkit.contract.FakeAnswer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local MiniMax ChatCompletion v2 API: {@code POST /v1/text/chatcompletion_v2}, answering for
 * any model, plain or as {@code data:} server-sent events. Wire format after MiniMax's reference
 * (https://platform.minimax.io/docs/api-reference/text-post,
 * https://platform.minimax.io/docs/guides/text-m2-function-call,
 * https://platform.minimax.io/docs/api-reference/errorcode): OpenAI-shaped answers with MiniMax's
 * extra fields ({@code base_resp}, {@code input_sensitive}, {@code output_sensitive},
 * {@code name}, {@code audio_content}, {@code usage.total_characters}); M2-style reasoning inline
 * as {@code <think>…</think>} at the start of the content (or in {@code reasoning_details} when
 * the request sets {@code reasoning_split}); a stream that ends with a chunk repeating the whole
 * message with usage and {@code base_resp}, and no {@code [DONE]}.
 *
 * <p>Errors come both ways MiniMax sends them: {@link #fail(int)} answers that HTTP status with
 * MiniMax's gateway error body ({@code {"type":"error","error":{...,"http_code"},"request_id"}});
 * {@link #failInBand(int)} answers HTTP 200 with a non-zero {@code base_resp.status_code} (as a
 * JSON body, or as a stream's only event). A wrong key gets the in-band 1004. A content-filtered
 * answer is a 200 with {@code output_sensitive: true} and empty content; a mid-stream failure is
 * a data event whose {@code base_resp} carries 1000 (unknown error).
 */
public final class FakeMiniMax implements ChatProviderFake {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<Integer, String[]> HTTP_ERRORS = Map.of(
            400, new String[] {"bad_request_error", "invalid params, tool call id is invalid (2013)"},
            401, new String[] {"authorized_error", "login fail: Please carry the API secret key in the 'Authorization' field of the request header (1004)"},
            429, new String[] {"rate_limit_error", "rate limit exceeded(RPM) (1002)"},
            500, new String[] {"api_error", "system error (1033)"},
            502, new String[] {"api_error", "bad gateway"},
            503, new String[] {"api_error", "service unavailable"},
            504, new String[] {"api_error", "gateway timeout"});
    private static final Map<Integer, String> CODE_MESSAGES = Map.of(
            1000, "unknown error",
            1002, "rate limit exceeded(RPM)",
            1004, "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
            1008, "insufficient balance",
            1026, "input new_sensitive",
            1027, "output new_sensitive",
            2013, "invalid params, messages is empty",
            2049, "invalid api key");

    private enum Mode { ANSWER, FAIL, FAIL_IN_BAND, FAIL_MID_STREAM }

    private final String apiKey;
    private final List<CapturedRequest> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile Mode mode = Mode.ANSWER;
    private volatile FakeAnswer answer = FakeAnswer.text("Hello from the fake MiniMax.", new FakeAnswer.Usage(10, 6, 0, 0));
    private volatile int failure;

    /** A fake that accepts {@code Authorization: Bearer <apiKey>}; call {@link #start()}. */
    public FakeMiniMax(String apiKey) {
        this.apiKey = apiKey;
    }

    public FakeMiniMax start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    @Override
    public void answer(FakeAnswer answer) {
        this.answer = answer;
        this.mode = Mode.ANSWER;
    }

    @Override
    public void fail(int status) {
        this.failure = status;
        this.mode = Mode.FAIL;
    }

    /** Every following request gets HTTP 200 with this non-zero {@code base_resp.status_code}. */
    public void failInBand(int statusCode) {
        this.failure = statusCode;
        this.mode = Mode.FAIL_IN_BAND;
    }

    @Override
    public void failMidStream(FakeAnswer answer) {
        this.answer = answer;
        this.mode = Mode.FAIL_MID_STREAM;
    }

    @Override
    public List<CapturedRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            requests.add(new CapturedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            if (!"POST".equals(exchange.getRequestMethod())
                    || !exchange.getRequestURI().getPath().endsWith("/v1/text/chatcompletion_v2")) {
                httpError(exchange, 404, "not_found_error", "404 page not found");
                return;
            }
            if (mode == Mode.FAIL) {
                String[] error = HTTP_ERRORS.getOrDefault(failure, new String[] {"api_error", "error"});
                httpError(exchange, failure, error[0], error[1]);
                return;
            }
            JsonNode request = JSON.readTree(body);
            boolean stream = request.path("stream").asBoolean(false);
            String model = request.path("model").asString("MiniMax-M2");
            boolean keyOk = ("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("authorization"));
            if (!keyOk || mode == Mode.FAIL_IN_BAND) {
                ObjectNode error = inBandError(model, keyOk ? failure : 1004);
                if (stream) {
                    startStream(exchange);
                    send(exchange.getResponseBody(), error);
                } else {
                    json(exchange, 200, error);
                }
                return;
            }
            boolean split = request.path("reasoning_split").asBoolean(false);
            if (stream) {
                stream(exchange, model, answer, split, mode == Mode.FAIL_MID_STREAM);
            } else {
                json(exchange, 200, plain(model, answer, split));
            }
        }
    }

    private static ObjectNode plain(String model, FakeAnswer answer, boolean split) {
        ObjectNode root = envelope(model, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("finish_reason", finishReason(answer.finish()));
        choice.put("index", 0);
        message(choice.putObject("message"), answer, split);
        closing(root, answer);
        return root;
    }

    private static void stream(HttpExchange exchange, String model, FakeAnswer answer, boolean split, boolean failMidway)
            throws IOException {
        startStream(exchange);
        OutputStream out = exchange.getResponseBody();
        String content = split || answer.reasoning().isEmpty() ? answer.text() : inlineThinking(answer);
        List<String> pieces = pieces(content);
        if (failMidway) {
            pieces = pieces.subList(0, Math.min(pieces.size(), Math.max(1, pieces.size() / 2)));
        }
        if (split && !answer.reasoning().isEmpty()) {
            for (String piece : pieces(answer.reasoning())) {
                ObjectNode chunk = envelope(model, "chat.completion.chunk");
                ObjectNode delta = chunk.putArray("choices").addObject().put("index", 0).putObject("delta");
                delta.putArray("reasoning_details").addObject().put("type", "reasoning.text").put("text", piece);
                send(out, chunk);
            }
        }
        for (String piece : pieces) {
            ObjectNode chunk = envelope(model, "chat.completion.chunk");
            chunk.putArray("choices").addObject().put("index", 0).putObject("delta").put("content", piece)
                    .put("role", "assistant").put("name", "MiniMax AI").put("audio_content", "");
            chunk.putObject("usage").put("total_tokens", 0);
            sensitivity(chunk, false);
            send(out, chunk);
        }
        if (failMidway) {
            ObjectNode error = envelope(model, "chat.completion.chunk");
            error.putObject("base_resp").put("status_code", 1000).put("status_msg", "unknown error");
            send(out, error);
            return;
        }
        int index = 0;
        for (FakeAnswer.ToolCall call : answer.toolCalls()) {
            List<String> argumentPieces = pieces(call.argumentsJson());
            for (int i = 0; i < argumentPieces.size(); i++) {
                ObjectNode chunk = envelope(model, "chat.completion.chunk");
                ObjectNode toolCall = chunk.putArray("choices").addObject().put("index", 0).putObject("delta")
                        .put("role", "assistant").putArray("tool_calls").addObject().put("index", index);
                ObjectNode function = toolCall.putObject("function");
                if (i == 0) {
                    toolCall.put("id", call.id()).put("type", "function");
                    function.put("name", call.name());
                }
                function.put("arguments", argumentPieces.get(i));
                send(out, chunk);
            }
            index++;
        }
        ObjectNode last = envelope(model, "chat.completion");
        ObjectNode choice = last.putArray("choices").addObject();
        choice.put("finish_reason", finishReason(answer.finish()));
        choice.put("index", 0);
        message(choice.putObject("message"), answer, split);
        closing(last, answer);
        send(out, last);
    }

    private static void message(ObjectNode message, FakeAnswer answer, boolean split) {
        message.put("content", split || answer.reasoning().isEmpty() ? answer.text() : inlineThinking(answer));
        message.put("role", "assistant");
        message.put("name", "MiniMax AI");
        message.put("audio_content", "");
        if (!answer.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            int index = 0;
            for (FakeAnswer.ToolCall call : answer.toolCalls()) {
                calls.addObject().put("id", call.id()).put("type", "function").put("index", index++).putObject("function")
                        .put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        if (split && !answer.reasoning().isEmpty()) {
            message.putArray("reasoning_details").addObject().put("type", "reasoning.text").put("id", "reasoning-text-1")
                    .put("format", "MiniMax-response-v1").put("index", 0).put("text", answer.reasoning());
        }
    }

    private static String inlineThinking(FakeAnswer answer) {
        return "<think>\n" + answer.reasoning() + "\n</think>\n\n" + answer.text();
    }

    /** Usage, sensitivity flags and a zero {@code base_resp}: what MiniMax's final body carries. */
    private static void closing(ObjectNode root, FakeAnswer answer) {
        FakeAnswer.Usage usage = answer.usage();
        ObjectNode u = root.putObject("usage");
        u.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        u.put("total_characters", 0);
        u.put("prompt_tokens", usage.promptTokens());
        u.put("completion_tokens", usage.completionTokens());
        if (usage.cachedTokens() > 0) {
            u.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        }
        if (usage.reasoningTokens() > 0) {
            u.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        }
        sensitivity(root, answer.finish() == FakeAnswer.Finish.CONTENT_FILTER);
        root.putObject("base_resp").put("status_code", 0).put("status_msg", "");
    }

    private static void sensitivity(ObjectNode root, boolean outputSensitive) {
        root.put("input_sensitive", false);
        root.put("output_sensitive", outputSensitive);
        root.put("input_sensitive_type", 0);
        root.put("output_sensitive_type", outputSensitive ? 1 : 0);
        root.put("output_sensitive_int", 0);
    }

    private static ObjectNode inBandError(String model, int code) {
        ObjectNode root = envelope(model, "chat.completion");
        root.putNull("choices");
        root.putObject("usage").put("total_tokens", 0).put("total_characters", 0);
        sensitivity(root, false);
        root.putObject("base_resp").put("status_code", code).put("status_msg", CODE_MESSAGES.getOrDefault(code, "error"));
        return root;
    }

    private static ObjectNode envelope(String model, String object) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", requestId());
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        root.put("object", object);
        return root;
    }

    private static String finishReason(FakeAnswer.Finish finish) {
        // MiniMax has no content_filter finish reason: it flags output_sensitive instead
        return finish == FakeAnswer.Finish.CONTENT_FILTER ? "stop" : finish.openAi();
    }

    private static void startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.getResponseHeaders().add("trace-id", requestId());
        exchange.sendResponseHeaders(200, 0);
    }

    private static void send(OutputStream out, JsonNode chunk) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void httpError(HttpExchange exchange, int status, String type, String message) throws IOException {
        if (status == 429) {
            exchange.getResponseHeaders().add("retry-after", "3");
        }
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message).put("http_code", Integer.toString(status));
        body.put("request_id", requestId());
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("content-type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().add("trace-id", requestId());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String requestId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The text in pieces of a few code points (never splitting a surrogate pair), as a model streams it. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i += 3) {
            pieces.add(new String(codePoints, i, Math.min(3, codePoints.length - i)));
        }
        return pieces;
    }
}
