package io.conduit.provider.cohere;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Cohere v2 API: {@code POST /v2/chat} (plain JSON, or {@code text/event-stream} with
 * {@code event:} + {@code data:} events when the body says {@code "stream": true}) and
 * {@code POST /v2/embed}, answering for any model. Wire format after Cohere's API reference:
 * https://docs.cohere.com/reference/chat, https://docs.cohere.com/reference/chat-stream,
 * https://docs.cohere.com/docs/streaming, https://docs.cohere.com/reference/embed and
 * https://docs.cohere.com/reference/errors (error bodies {@code {"id": ..., "message": ...}}).
 *
 * <p>Usage is rendered the way Cohere reports it: {@code billed_units} carries the told counts,
 * {@code tokens} a larger count (Cohere adds prompt-template tokens it does not bill). A wrong
 * key is answered 401 {@code invalid api token}. A {@link FakeAnswer.Finish#CONTENT_FILTER}
 * answer ends with {@code ERROR_TOXIC}; a mid-stream failure ends with a {@code message-end}
 * whose {@code finish_reason} is {@code ERROR}.
 */
public final class FakeCohere implements ChatProviderFake {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Tokens Cohere's prompt template adds to every request (counted in {@code tokens}, not billed). */
    static final int TEMPLATE_TOKENS = 64;
    private static final Map<Integer, String> ERROR_MESSAGES = Map.ofEntries(
            Map.entry(400, "invalid request: message must be at least 1 token long or tool results must be specified."),
            Map.entry(401, "invalid api token"),
            Map.entry(402, "Please add or update your payment method at https://dashboard.cohere.com/billing?tab=payment to continue"),
            Map.entry(403, "Forbidden: this key has no access to the requested resource."),
            Map.entry(404, "model not found, make sure the correct model ID was used and that you have access to the model."),
            Map.entry(422, "Unprocessable entity: the request could not be processed."),
            Map.entry(429, "You are using a Trial key, which is limited to 20 API calls / minute. Please upgrade to a Production key."),
            Map.entry(498, "invalid api token"),
            Map.entry(499, "request cancelled"),
            Map.entry(500, "internal server error, this has been reported to our developers"),
            Map.entry(501, "Not implemented: the model does not support this feature."),
            Map.entry(503, "service unavailable, please try again later"),
            Map.entry(504, "gateway timeout"));

    private enum Mode { ANSWER, FAIL, FAIL_MID_STREAM }

    private final String apiKey;
    private final List<CapturedRequest> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile Mode mode = Mode.ANSWER;
    private volatile FakeAnswer answer = FakeAnswer.text("Hello from the fake Cohere.", new FakeAnswer.Usage(10, 6, 0, 0));
    private volatile int failStatus;

    /** A fake that accepts {@code Authorization: Bearer <apiKey>}; call {@link #start()}. */
    public FakeCohere(String apiKey) {
        this.apiKey = apiKey;
    }

    public FakeCohere start() {
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
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v2");
    }

    @Override
    public void answer(FakeAnswer answer) {
        this.answer = answer;
        this.mode = Mode.ANSWER;
    }

    @Override
    public void fail(int status) {
        this.failStatus = status;
        this.mode = Mode.FAIL;
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
            String path = exchange.getRequestURI().getPath();
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("authorization"))) {
                error(exchange, 401);
            } else if (!"POST".equals(exchange.getRequestMethod()) || !(path.endsWith("/v2/chat") || path.endsWith("/v2/embed"))) {
                json(exchange, 404, JSON.createObjectNode().put("message", "Not Found"));
            } else if (mode == Mode.FAIL) {
                error(exchange, failStatus);
            } else if (path.endsWith("/embed")) {
                json(exchange, 200, embed(JSON.readTree(body)));
            } else if (!JSON.readTree(body).path("stream").asBoolean(false)) {
                json(exchange, 200, plain(answer));
            } else {
                stream(exchange, answer, mode == Mode.FAIL_MID_STREAM);
            }
        }
    }

    private static ObjectNode plain(FakeAnswer answer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", UUID.randomUUID().toString());
        root.put("finish_reason", finishReason(answer.finish()));
        ObjectNode message = root.putObject("message");
        message.put("role", "assistant");
        if (answer.toolCalls().isEmpty() || !answer.text().isEmpty()) {
            ArrayNode content = message.putArray("content");
            if (!answer.reasoning().isEmpty()) {
                content.addObject().put("type", "thinking").put("thinking", answer.reasoning());
            }
            content.addObject().put("type", "text").put("text", answer.text());
        }
        if (!answer.toolCalls().isEmpty()) {
            message.put("tool_plan", "I will look up the weather.");
            ArrayNode calls = message.putArray("tool_calls");
            for (FakeAnswer.ToolCall call : answer.toolCalls()) {
                calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        root.set("usage", usage(answer.usage()));
        return root;
    }

    private static void stream(HttpExchange exchange, FakeAnswer answer, boolean failMidway) throws IOException {
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.getResponseHeaders().add("cache-control", "no-cache");
        exchange.getResponseHeaders().add("x-debug-trace-id", UUID.randomUUID().toString().replace("-", ""));
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ObjectNode start = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("type", "message-start");
        ObjectNode startMessage = start.putObject("delta").putObject("message").put("role", "assistant");
        startMessage.putArray("content");
        startMessage.put("tool_plan", "");
        startMessage.putArray("tool_calls");
        startMessage.putArray("citations");
        send(out, start);
        int index = 0;
        if (!answer.reasoning().isEmpty()) {
            contentBlock(out, index++, "thinking", pieces(answer.reasoning()));
        }
        List<String> textPieces = pieces(answer.text());
        if (failMidway) {
            textPieces = textPieces.subList(0, Math.max(1, textPieces.size() / 2));
            contentStart(out, index, "text");
            for (String piece : textPieces) {
                send(out, contentDelta(index, "text", piece));
            }
            ObjectNode end = JSON.createObjectNode().put("type", "message-end");
            end.putObject("delta").put("finish_reason", "ERROR").put("error", "internal server error during generation");
            send(out, end);
            return;
        }
        if (!answer.toolCalls().isEmpty()) {
            for (String piece : pieces("I will look up the weather.")) {
                ObjectNode plan = JSON.createObjectNode().put("type", "tool-plan-delta");
                plan.putObject("delta").putObject("message").put("tool_plan", piece);
                send(out, plan);
            }
            int call = 0;
            for (FakeAnswer.ToolCall toolCall : answer.toolCalls()) {
                ObjectNode callStart = JSON.createObjectNode().put("type", "tool-call-start").put("index", call);
                callStart.putObject("delta").putObject("message").putObject("tool_calls").put("id", toolCall.id())
                        .put("type", "function").putObject("function").put("name", toolCall.name()).put("arguments", "");
                send(out, callStart);
                for (String piece : pieces(toolCall.argumentsJson())) {
                    ObjectNode delta = JSON.createObjectNode().put("type", "tool-call-delta").put("index", call);
                    delta.putObject("delta").putObject("message").putObject("tool_calls").putObject("function")
                            .put("arguments", piece);
                    send(out, delta);
                }
                send(out, JSON.createObjectNode().put("type", "tool-call-end").put("index", call));
                call++;
            }
        }
        if (answer.toolCalls().isEmpty() || !answer.text().isEmpty()) {
            contentBlock(out, index, "text", textPieces);
        }
        ObjectNode end = JSON.createObjectNode().put("type", "message-end");
        ObjectNode delta = end.putObject("delta").put("finish_reason", finishReason(answer.finish()));
        delta.set("usage", usage(answer.usage()));
        send(out, end);
    }

    private static void contentBlock(OutputStream out, int index, String type, List<String> pieces) throws IOException {
        contentStart(out, index, type);
        for (String piece : pieces) {
            send(out, contentDelta(index, type, piece));
        }
        send(out, JSON.createObjectNode().put("type", "content-end").put("index", index));
    }

    private static void contentStart(OutputStream out, int index, String type) throws IOException {
        ObjectNode start = JSON.createObjectNode().put("type", "content-start").put("index", index);
        start.putObject("delta").putObject("message").putObject("content").put("type", type).put(type, "");
        send(out, start);
    }

    private static ObjectNode contentDelta(int index, String type, String piece) {
        ObjectNode delta = JSON.createObjectNode().put("type", "content-delta").put("index", index);
        delta.putObject("delta").putObject("message").putObject("content").put(type, piece);
        return delta;
    }

    private static void send(OutputStream out, ObjectNode event) throws IOException {
        String frame = "event: " + event.path("type").asString() + "\ndata: " + JSON.writeValueAsString(event) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode usage(FakeAnswer.Usage usage) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("billed_units").put("input_tokens", usage.promptTokens()).put("output_tokens", usage.completionTokens());
        node.putObject("tokens").put("input_tokens", usage.promptTokens() + TEMPLATE_TOKENS)
                .put("output_tokens", usage.completionTokens());
        if (usage.cachedTokens() > 0) {
            node.put("cached_tokens", usage.cachedTokens());
        }
        return node;
    }

    private static String finishReason(FakeAnswer.Finish finish) {
        return switch (finish) {
            case STOP -> "COMPLETE";
            case LENGTH -> "MAX_TOKENS";
            case TOOL_CALLS -> "TOOL_CALL";
            case CONTENT_FILTER -> "ERROR_TOXIC";
        };
    }

    private static ObjectNode embed(JsonNode request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", UUID.randomUUID().toString());
        ArrayNode vectors = root.putObject("embeddings").putArray("float");
        ArrayNode texts = root.putArray("texts");
        long tokens = 0;
        for (JsonNode text : request.path("texts")) {
            texts.add(text.asString());
            tokens += text.asString().split("\\s+").length;
            ArrayNode vector = vectors.addArray();
            int hash = text.asString().hashCode();
            for (int i = 0; i < 8; i++) {
                vector.add(((hash >>> i) & 0xff) / 255.0f);
            }
        }
        ObjectNode meta = root.putObject("meta");
        meta.putObject("api_version").put("version", "2");
        meta.putObject("billed_units").put("input_tokens", tokens);
        root.put("response_type", "embeddings_by_type");
        return root;
    }

    private static void error(HttpExchange exchange, int status) throws IOException {
        if (status == 429) {
            exchange.getResponseHeaders().add("retry-after", "2");
        }
        ObjectNode body = JSON.createObjectNode().put("id", UUID.randomUUID().toString())
                .put("message", ERROR_MESSAGES.getOrDefault(status, "error " + status));
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.getResponseHeaders().add("x-debug-trace-id", UUID.randomUUID().toString().replace("-", ""));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
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
