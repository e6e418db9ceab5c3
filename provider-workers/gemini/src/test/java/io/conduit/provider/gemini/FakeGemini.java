package io.conduit.provider.gemini;

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
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Google Gemini, answering as the Gemini API (Google AI Studio) and Vertex AI do, for any
 * model: {@code POST /v1beta/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse}
 * (server-sent events {@code data: <GenerateContentResponse>\r\n\r\n}, chunked and flushed per event,
 * no end marker; without {@code alt=sse} a streamed JSON array), {@code :batchEmbedContents}; and
 * {@code POST /v1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent},
 * {@code :streamGenerateContent?alt=sse}, {@code :predict}.
 *
 * <p>Credentials as Google checks them: the Gemini API wants {@code x-goog-api-key} (no key: 403
 * PERMISSION_DENIED; a wrong one: 400 INVALID_ARGUMENT with reason API_KEY_INVALID); Vertex wants
 * {@code Authorization: Bearer} with a self-signed JWT of the configured service account (verified
 * with its public key by {@link VertexJwtVerifier}) or an accepted access token (else 401
 * UNAUTHENTICATED). Errors carry Google's JSON error bodies; Google sends no {@code retry-after} on
 * 429 but a {@code google.rpc.RetryInfo} detail. A mid-stream failure is an in-band
 * {@code data: {"error":{...}}} event after part of the answer.
 *
 * <p>Documentation followed: https://ai.google.dev/api/generate-content,
 * https://ai.google.dev/gemini-api/docs/text-generation#streaming-responses,
 * https://ai.google.dev/api/embeddings, https://ai.google.dev/gemini-api/docs/troubleshooting,
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference,
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api,
 * https://developers.google.com/identity/protocols/oauth2/service-account#jwt-auth.
 */
public final class FakeGemini implements ChatProviderFake {

    /** Which API's base URL {@link #baseUrl()} gives; both path styles are served either way. */
    public enum Flavor { AI_STUDIO, VERTEX }

    private static final Pattern AI_STUDIO_PATH = Pattern.compile("^/(v1beta|v1|v1alpha)/models/([^/:]+):(\\w+)$");
    private static final Pattern VERTEX_PATH = Pattern.compile(
            "^/(v1|v1beta1)/projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/:]+):(\\w+)$");

    private final Flavor flavor;
    private final String apiKey;
    private final VertexJwtVerifier jwt;
    private final List<String> accessTokens = new CopyOnWriteArrayList<>();
    private final List<CapturedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile FakeAnswer answer = FakeAnswer.text("Hello from the fake Gemini.", new FakeAnswer.Usage(8, 6, 0, 0));
    private volatile int failStatus;
    private volatile boolean failMidStream;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param flavor which base URL {@link #baseUrl()} names
     * @param apiKey the Gemini API key accepted, null to accept none
     * @param vertexKey the public key of the service account whose JWTs Vertex paths accept, null for none
     * @param clientEmail that account's e-mail
     * @param keyId that key's id ({@code private_key_id})
     */
    public FakeGemini(Flavor flavor, String apiKey, PublicKey vertexKey, String clientEmail, String keyId) {
        this.flavor = flavor;
        this.apiKey = apiKey;
        this.jwt = vertexKey == null ? null : new VertexJwtVerifier(vertexKey, clientEmail, keyId, Clock.systemUTC());
    }

    /** A fake Gemini API accepting one API key. */
    public static FakeGemini aiStudio(String apiKey) {
        return new FakeGemini(Flavor.AI_STUDIO, apiKey, null, null, null);
    }

    /** A fake Vertex AI accepting the JWTs of one service account. */
    public static FakeGemini vertex(TestServiceAccount account) {
        return new FakeGemini(Flavor.VERTEX, null, account.publicKey(), account.clientEmail(), account.privateKeyId());
    }

    /** Also accepts this bearer token on Vertex paths (an access token minted elsewhere). */
    public FakeGemini acceptAccessToken(String token) {
        accessTokens.add(token);
        return this;
    }

    public FakeGemini start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-gemini");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + (flavor == Flavor.VERTEX ? "/v1" : "/v1beta"));
    }

    @Override
    public void answer(FakeAnswer answer) {
        this.answer = answer;
        this.failStatus = 0;
        this.failMidStream = false;
    }

    @Override
    public void fail(int status) {
        this.failStatus = status;
    }

    @Override
    public void failMidStream(FakeAnswer answer) {
        this.answer = answer;
        this.failStatus = 0;
        this.failMidStream = true;
    }

    @Override
    public List<CapturedRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            CapturedRequest request = new CapturedRequest(exchange.getRequestMethod(), target, headers, body);
            requests.add(request);
            route(exchange, request, uri);
        }
    }

    private void route(HttpExchange exchange, CapturedRequest request, URI uri) throws IOException {
        Matcher studio = AI_STUDIO_PATH.matcher(uri.getRawPath());
        Matcher vertex = VERTEX_PATH.matcher(uri.getRawPath());
        boolean isVertex = vertex.matches();
        if (!isVertex && !studio.matches()) {
            sendJson(exchange, 404, FakeGeminiWire.error(404, "Method not found.", "NOT_FOUND"));
            return;
        }
        String model = isVertex ? vertex.group(4) : studio.group(2);
        String method = isVertex ? vertex.group(5) : studio.group(3);
        ObjectNode denied = isVertex ? vertexAuthProblem(request) : aiStudioAuthProblem(request, uri);
        if (denied != null) {
            sendJson(exchange, denied.path("error").path("code").asInt(), denied);
            return;
        }
        if (failStatus > 0) {
            sendJson(exchange, failStatus, FakeGeminiWire.error(failStatus, model, isVertex));
            return;
        }
        JsonNode json;
        try {
            json = FakeGeminiWire.JSON.readTree(request.body());
        } catch (JacksonException e) {
            sendJson(exchange, 400, FakeGeminiWire.error(400, "Invalid JSON payload received.", "INVALID_ARGUMENT"));
            return;
        }
        switch (method) {
            case "generateContent", "streamGenerateContent" -> generate(exchange, json, model, method, uri);
            case "batchEmbedContents", "predict" -> sendJson(exchange, 200, FakeGeminiWire.embeddings(json, isVertex));
            default -> sendJson(exchange, 404, FakeGeminiWire.error(404, "Method not found.", "NOT_FOUND"));
        }
    }

    private void generate(HttpExchange exchange, JsonNode json, String model, String method, URI uri)
            throws IOException {
        String problem = FakeGeminiRequests.problem(json);
        if (problem != null) {
            sendJson(exchange, 400, FakeGeminiWire.error(400, problem, "INVALID_ARGUMENT"));
            return;
        }
        String responseId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        FakeAnswer told = answer;
        if (method.equals("generateContent")) {
            sendJson(exchange, 200, FakeGeminiWire.response(told, model, responseId));
            return;
        }
        List<ObjectNode> events = new ArrayList<>(FakeGeminiWire.streamed(told, model, responseId));
        boolean sse = uri.getRawQuery() != null && uri.getRawQuery().contains("alt=sse");
        if (failMidStream) {
            int keep = Math.max(1, (events.size() - 1) / 2);
            events = new ArrayList<>(events.subList(0, Math.min(keep, events.size())));
            events.add(FakeGeminiWire.error(500, "An internal error has occurred. Please retry or report in "
                    + "https://developers.generativeai.google/guide/troubleshooting", "INTERNAL"));
        }
        googleHeaders(exchange);
        exchange.getResponseHeaders().set("content-type", sse ? "text/event-stream" : "application/json; charset=UTF-8");
        exchange.getResponseHeaders().set("content-disposition", "attachment");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < events.size(); i++) {
            byte[] data = FakeGeminiWire.JSON.writeValueAsBytes(events.get(i));
            if (sse) {
                out.write("data: ".getBytes(StandardCharsets.US_ASCII));
                out.write(data);
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write((i == 0 ? "[" : ",\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(data);
                if (i == events.size() - 1) {
                    out.write("]".getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.flush();
        }
    }

    private ObjectNode aiStudioAuthProblem(CapturedRequest request, URI uri) {
        String key = request.header("x-goog-api-key").orElseGet(() -> queryKey(uri));
        if (key == null) {
            return FakeGeminiWire.error(403, "Method doesn't allow unregistered callers (callers without established "
                    + "identity). Please use API Key or other form of API consumer identity to call this API.",
                    "PERMISSION_DENIED");
        }
        if (!key.equals(apiKey)) {
            return FakeGeminiWire.withReason(FakeGeminiWire.error(400, "API key not valid. Please pass a valid API key.",
                    "INVALID_ARGUMENT"), "API_KEY_INVALID", false);
        }
        return null;
    }

    private ObjectNode vertexAuthProblem(CapturedRequest request) {
        String authorization = request.header("authorization").orElse("");
        if (!authorization.startsWith("Bearer ")) {
            return FakeGeminiWire.withReason(FakeGeminiWire.error(401, "Request is missing required authentication "
                    + "credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. "
                    + "See https://developers.google.com/identity/sign-in/web/devconsole-project.", "UNAUTHENTICATED"),
                    "CREDENTIALS_MISSING", true);
        }
        String token = authorization.substring("Bearer ".length());
        if (accessTokens.contains(token) || (jwt != null && jwt.problem(token) == null)) {
            return null;
        }
        return FakeGeminiWire.error(401, null, true);
    }

    private static String queryKey(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("key=")) {
                return pair.substring(4);
            }
        }
        return null;
    }

    private static void googleHeaders(HttpExchange exchange) {
        exchange.getResponseHeaders().set("vary", "Origin, X-Origin, Referer");
        exchange.getResponseHeaders().set("server", "scaffolding on HTTPServer2");
        exchange.getResponseHeaders().set("server-timing", "gfet4t7; dur=412");
        exchange.getResponseHeaders().set("x-xss-protection", "0");
        exchange.getResponseHeaders().set("x-frame-options", "SAMEORIGIN");
        exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = FakeGeminiWire.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        googleHeaders(exchange);
        exchange.getResponseHeaders().set("content-type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
