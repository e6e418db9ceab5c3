package io.conduit.provider.openai.fake;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake upstream speaking OpenAI's chat completions wire format, and that of the compatible
 * providers described by a {@link FakeFlavor} (Azure OpenAI, DeepSeek, Mistral); for OpenAI and
 * Azure also the Responses API ({@link FakeResponsesRenderer}). Follows:
 * <ul>
 *   <li>OpenAI: https://platform.openai.com/docs/api-reference/chat/create and .../chat/streaming
 *       (SSE {@code data:} events, {@code data: [DONE]}, a last chunk with empty {@code choices} and the
 *       usage when {@code stream_options.include_usage}, {@code "usage":null} on the other chunks),
 *       {@code x-request-id} headers, error envelopes, 429 with {@code retry-after};</li>
 *   <li>Azure OpenAI: https://learn.microsoft.com/azure/ai-foundry/openai/reference and .../api-version-lifecycle
 *       (POST {@code /openai/deployments/{deployment}/chat/completions?api-version=...} or
 *       {@code /openai/v1/chat/completions}, {@code api-key} header, a first stream chunk with empty
 *       {@code choices} and {@code prompt_filter_results}, {@code content_filter_results} per choice);</li>
 *   <li>DeepSeek: https://api-docs.deepseek.com/api/create-chat-completion (usage with
 *       {@code prompt_cache_hit_tokens}, {@code reasoning_content}, {@code : keep-alive} comments);</li>
 *   <li>Mistral: https://docs.mistral.ai/api/#tag/chat (unknown fields rejected with 422, usage on the
 *       last chunk of every stream, tool calls streamed whole).</li>
 * </ul>
 * Answers any model name. A wrong credential gets the provider's 401. Every request is recorded.
 */
public final class FakeOpenAiChat implements ChatProviderFake {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RESPONSES = "responses";
    private static final Pattern AZURE_DEPLOYMENT = Pattern.compile("/openai/deployments/([^/]+)/(chat/completions|embeddings)");

    private enum Mode { ANSWER, FAIL, FAIL_MID_STREAM, CONTENT_FILTER }

    private final FakeFlavor flavor;
    private final String apiKey;
    private final FakeChatRenderer renderer;
    private final List<CapturedRequest> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Mode mode = Mode.ANSWER;
    private volatile FakeAnswer answer = FakeAnswer.text("Hello.", new FakeAnswer.Usage(1, 1, 0, 0));
    private volatile int failStatus;
    private volatile boolean keepAlive;
    private HttpServer server;

    public FakeOpenAiChat(FakeFlavor flavor, String apiKey) {
        this.flavor = flavor;
        this.apiKey = apiKey;
        this.renderer = new FakeChatRenderer(flavor);
    }

    /** Starts a fake of OpenAI itself. */
    public static FakeOpenAiChat openAi(String apiKey) {
        return new FakeOpenAiChat(FakeFlavor.openAi(), apiKey).start();
    }

    /** Binds to a free port on 127.0.0.1 and starts serving. */
    public FakeOpenAiChat start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.start();
        return this;
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + flavor.basePath());
    }

    @Override
    public void answer(FakeAnswer next) {
        answer = next;
        mode = Mode.ANSWER;
    }

    @Override
    public void fail(int status) {
        failStatus = status;
        mode = Mode.FAIL;
    }

    @Override
    public void failMidStream(FakeAnswer next) {
        answer = next;
        mode = Mode.FAIL_MID_STREAM;
    }

    /** Starts every following stream with an SSE comment {@code : keep-alive}, as DeepSeek does under load. */
    public void keepAliveComments(boolean on) {
        keepAlive = on;
    }

    /** Azure only: every following request is refused by the content filter (400 {@code content_filter}). */
    public void failContentFilter() {
        mode = Mode.CONTENT_FILTER;
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
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        URI uri = exchange.getRequestURI();
        String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        CapturedRequest request = new CapturedRequest(exchange.getRequestMethod(), target, headers, body);
        requests.add(request);

        Optional<String> operation = operation(request);
        if (operation.isEmpty() || !"POST".equals(request.method())) {
            send(exchange, flavor.azureApi() ? FakeErrors.azureResourceNotFound()
                    : new FakeErrors.Answer(404, "{\"error\":{\"message\":\"Unknown request URL: " + request.path()
                            + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"unknown_url\"}}", Map.of()));
            return;
        }
        if (!authorized(request)) {
            send(exchange, FakeErrors.unauthorized(flavor.errors()));
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            send(exchange, FakeErrors.of(flavor.errors(), 400));
            return;
        }
        // the strict schema (Mistral) is the chat request's; embeddings requests have their own fields
        Optional<FakeErrors.Answer> invalid = operation.get().equals(RESPONSES) ? FakeResponsesRenderer.invalid(json)
                : operation.get().equals("chat/completions") ? validate(json) : Optional.empty();
        if (invalid.isPresent()) {
            send(exchange, invalid.get());
            return;
        }
        switch (mode) {
            case FAIL -> send(exchange, FakeErrors.of(flavor.errors(), failStatus));
            case CONTENT_FILTER -> send(exchange, FakeErrors.azureContentFilter());
            default -> respond(exchange, operation.get(), json);
        }
    }

    private void respond(HttpExchange exchange, String operation, JsonNode json) throws IOException {
        String model = json.path("model").asString("");
        if (operation.equals("embeddings")) {
            send(exchange, new FakeErrors.Answer(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                    + "\"embedding\":[0.1,0.2]}],\"model\":\"" + model + "\",\"usage\":{\"prompt_tokens\":3,"
                    + "\"total_tokens\":3}}", Map.of()));
            return;
        }
        FakeAnswer current = answer;
        boolean responses = operation.equals(RESPONSES);
        if (!json.path("stream").asBoolean(false)) {
            send(exchange, new FakeErrors.Answer(200, responses ? FakeResponsesRenderer.plainBody(current, json)
                    : renderer.plainBody(current, model), Map.of()));
            return;
        }
        boolean includeUsage = json.path("stream_options").path("include_usage").asBoolean(false);
        List<String> events = responses ? FakeResponsesRenderer.streamEvents(current, json)
                : renderer.streamEvents(current, model, includeUsage, keepAlive);
        if (mode == Mode.FAIL_MID_STREAM) {
            // the connection ends after half of the answer: no finish reason, no usage, no [DONE]
            // (for the Responses API: no terminal response.completed)
            events = new ArrayList<>(events.subList(0, Math.max(1, events.size() / 2)));
        }
        exchange.getResponseHeaders().add("content-type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().add("cache-control", "no-cache");
        requestIdHeaders(exchange);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String event : events) {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** The operation a request asks for, if its path is one the provider serves. */
    private Optional<String> operation(CapturedRequest request) {
        String path = request.path();
        if (!flavor.azureApi()) {
            for (String op : List.of("chat/completions", "embeddings", RESPONSES)) {
                if (path.equals(flavor.basePath() + "/" + op) && (flavor.responsesApi() || !op.equals(RESPONSES))) {
                    return Optional.of(op);
                }
            }
            return Optional.empty();
        }
        if (path.equals("/openai/v1/chat/completions")) {
            return Optional.of("chat/completions");
        }
        // Responses: on the v1 API, or without a deployment on dated preview versions (GA versions have none)
        if (path.equals("/openai/v1/responses")
                || path.equals("/openai/responses") && request.target().matches(".*[?&]api-version=[^&]*-preview.*")) {
            return Optional.of(RESPONSES);
        }
        if (path.equals("/openai/v1/embeddings")) {
            return Optional.of("embeddings");
        }
        Matcher m = AZURE_DEPLOYMENT.matcher(path);
        boolean dated = request.target().contains("api-version=");
        return m.matches() && dated ? Optional.of(m.group(2)) : Optional.empty();
    }

    private boolean authorized(CapturedRequest request) {
        if (flavor.azureApi()) {
            return request.header("api-key").filter(apiKey::equals).isPresent();
        }
        return request.header("authorization").filter(("Bearer " + apiKey)::equals).isPresent();
    }

    private Optional<FakeErrors.Answer> validate(JsonNode json) {
        if (flavor.acceptedFields().isEmpty()) {
            return Optional.empty();
        }
        for (String field : json.propertyNames()) {
            if (!flavor.acceptedFields().contains(field)) {
                return Optional.of(FakeErrors.mistralExtraField(field));
            }
        }
        JsonNode toolChoice = json.path("tool_choice");
        if (toolChoice.isString() && !List.of("auto", "none", "any", "required").contains(toolChoice.asString())) {
            return Optional.of(FakeErrors.of(flavor.errors(), 422));
        }
        return Optional.empty();
    }

    private void send(HttpExchange exchange, FakeErrors.Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        requestIdHeaders(exchange);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void requestIdHeaders(HttpExchange exchange) {
        String id = UUID.randomUUID().toString();
        if (flavor.azureApi()) {
            exchange.getResponseHeaders().add("apim-request-id", id);
            exchange.getResponseHeaders().add("x-ms-region", "East US");
        }
        exchange.getResponseHeaders().add("x-request-id", flavor.azureApi() ? id : "req_" + id.replace("-", ""));
    }
}
