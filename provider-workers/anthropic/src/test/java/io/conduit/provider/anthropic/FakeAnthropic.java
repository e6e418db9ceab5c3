package io.conduit.provider.anthropic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import io.conduit.provider.testkit.contract.FakeAnswer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A fake of Anthropic's Messages API ({@code POST /v1/messages}) on 127.0.0.1, answering as the
 * API does, for any model name:
 *
 * <ul>
 *   <li>a missing or wrong {@code x-api-key} → 401 {@code authentication_error}; a missing
 *       {@code anthropic-version} → 400 (https://docs.anthropic.com/en/api/versioning);
 *   <li>plain answers: a {@code message} object with content blocks ({@code thinking},
 *       {@code text}, {@code tool_use}), {@code stop_reason} and {@code usage} with cache reads
 *       reported beside {@code input_tokens} (https://docs.anthropic.com/en/api/messages);
 *   <li>streams: named server-sent events framed {@code event: <name>\ndata: {...}\n\n}, written
 *       chunked with a flush per event: {@code message_start}, per block
 *       {@code content_block_start} / {@code content_block_delta} ({@code text_delta},
 *       {@code input_json_delta}, {@code thinking_delta}, {@code signature_delta}) /
 *       {@code content_block_stop}, a {@code ping}, {@code message_delta} with the cumulative
 *       {@code output_tokens}, {@code message_stop}; a mid-stream failure sends an {@code error}
 *       event ({@code overloaded_error}) and closes
 *       (https://docs.anthropic.com/en/docs/build-with-claude/streaming);
 *   <li>errors: the documented status and body {@code {"type":"error","error":{"type","message"},
 *       "request_id"}}, {@code retry-after} on 429 (https://docs.anthropic.com/en/api/errors);
 *   <li>every response carries a {@code request-id} header.
 * </ul>
 *
 * Like the API, it rejects requests Anthropic would reject in ways an adapter could cause: no
 * {@code max_tokens}, turns that do not alternate, a system turn in {@code messages}, empty text
 * blocks, tool results without the matching tool use before them (see {@link FakeAnthropicChecks}).
 * When the request names a tool in {@code tool_choice} and the answer has no tool calls, the
 * answer's text (JSON) is returned as that tool's input, as a model forced to call it would.
 */
public final class FakeAnthropic implements ChatProviderFake {

    private enum Mode { ANSWER, FAIL, FAIL_MID_STREAM }

    private final String apiKey;
    private final List<CapturedRequest> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;
    private volatile Mode mode = Mode.ANSWER;
    private volatile FakeAnswer answer = FakeAnswer.text("Hello.", new FakeAnswer.Usage(10, 2, 0, 0));
    private volatile int failStatus;
    private volatile Duration retryAfter = Duration.ofSeconds(2);

    /** A fake that accepts this API key; {@link #start()} it before use. */
    public FakeAnthropic(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey);
    }

    /** Binds a free port on 127.0.0.1 and starts serving. */
    public FakeAnthropic start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
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
        this.failStatus = status;
        this.mode = Mode.FAIL;
    }

    /** The {@code retry-after} (whole seconds) sent with a 429; two seconds unless set. */
    public void retryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
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
            executor.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            CapturedRequest captured = new CapturedRequest(exchange.getRequestMethod(), target, Map.copyOf(headers), body);
            requests.add(captured);
            respond(exchange, captured);
        }
    }

    private void respond(HttpExchange exchange, CapturedRequest request) throws IOException {
        if (!request.method().equals("POST") || !request.path().equals("/v1/messages")) {
            error(exchange, 404, "not_found_error", "Not Found");
            return;
        }
        if (!request.header("x-api-key").map(apiKey::equals).orElse(false)) {
            error(exchange, 401, "authentication_error", "invalid x-api-key");
            return;
        }
        if (request.header("anthropic-version").isEmpty()) {
            error(exchange, 400, "invalid_request_error", "anthropic-version: header is required");
            return;
        }
        if (mode == Mode.FAIL) {
            error(exchange, failStatus, FakeAnthropicWire.errorType(failStatus), FakeAnthropicWire.errorMessage(failStatus));
            return;
        }
        JsonNode json = FakeAnthropicWire.parse(request.body());
        String problem = FakeAnthropicChecks.problem(json);
        if (problem != null) {
            error(exchange, 400, "invalid_request_error", problem);
            return;
        }
        FakeAnthropicWire.Rendered rendered = FakeAnthropicWire.render(answer, json);
        if (json.path("stream").asBoolean(false)) {
            stream(exchange, rendered);
        } else {
            byte[] bytes = rendered.message();
            exchange.getResponseHeaders().add("content-type", "application/json");
            commonHeaders(exchange, FakeAnthropicWire.id("req_"));
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void stream(HttpExchange exchange, FakeAnthropicWire.Rendered rendered) throws IOException {
        exchange.getResponseHeaders().add("content-type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().add("cache-control", "no-cache");
        commonHeaders(exchange, FakeAnthropicWire.id("req_"));
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        List<byte[]> events = mode == Mode.FAIL_MID_STREAM ? rendered.failingEvents() : rendered.events();
        for (byte[] event : events) {
            out.write(event);
            out.flush();
        }
    }

    private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        String requestId = FakeAnthropicWire.id("req_");
        byte[] bytes = FakeAnthropicWire.errorBody(type, message, requestId);
        exchange.getResponseHeaders().add("content-type", "application/json");
        if (status == 429) {
            exchange.getResponseHeaders().add("retry-after", Long.toString(Math.max(0, retryAfter.toSeconds())));
            exchange.getResponseHeaders().add("anthropic-ratelimit-requests-limit", "50");
            exchange.getResponseHeaders().add("anthropic-ratelimit-requests-remaining", "0");
        }
        commonHeaders(exchange, requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void commonHeaders(HttpExchange exchange, String requestId) {
        exchange.getResponseHeaders().add("request-id", requestId);
        exchange.getResponseHeaders().add("anthropic-organization-id", "00000000-0000-4000-8000-000000000000");
    }
}
