package io.conduit.provider.bedrock;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A fake Bedrock Runtime for tests: {@code POST /model/{modelId}/converse} answers Converse JSON,
 * {@code POST /model/{modelId}/converse-stream} answers {@code application/vnd.amazon.eventstream}
 * binary messages (with correct CRCs, one chunk and flush per message, a {@code "p"} padding field
 * in each payload as Bedrock adds), for any model id. Every request's Signature Version 4 is
 * verified (see {@link SigV4Verifier}) against the fake's access keys and region, or its bearer
 * Bedrock API key; a bad credential gets Bedrock's 403. Errors are Bedrock's: a
 * {@code {"message":...}} body with the error named in {@code x-amzn-ErrorType}; a mid-stream
 * failure is a {@code modelStreamErrorException} message.
 *
 * <p>Wire format from the Bedrock Runtime API reference:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html, the
 * event stream encoding of https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html
 * (same framing), and the service model of the AWS SDK (aws-sdk-java-v2,
 * services/bedrockruntime/.../service-2.json) for the error shapes and their statuses.
 */
public final class FakeBedrock implements ChatProviderFake {

    /** Test credentials: obviously fake, never AWS-shaped. */
    public static final String ACCESS_KEY_ID = "FAKEBEDROCKACCESSKEY";
    public static final String SECRET_ACCESS_KEY = "fake/Bedrock+Secret/Key/For/Tests/Only/0000";
    /** A Bedrock API key (bearer token) the fake accepts. */
    public static final String API_KEY = "fake-bedrock-api-key-ABSK0000";
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern PATH = Pattern.compile("/model/([^/]+)/(converse|converse-stream)");

    private final String region;
    private final SigV4Verifier verifier;
    private final List<CapturedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;
    private volatile Script script = new Script.Answer(FakeAnswer.text("Hello from fake Bedrock.",
            new FakeAnswer.Usage(10, 5, 0, 0)));

    private sealed interface Script {
        record Answer(FakeAnswer answer) implements Script {}
        record Fail(int status, String errorType) implements Script {}
        record FailMidStream(FakeAnswer answer) implements Script {}
    }

    /** Bedrock in us-east-1, accepting {@link #ACCESS_KEY_ID}/{@link #SECRET_ACCESS_KEY} and {@link #API_KEY}. */
    public FakeBedrock() {
        this(DEFAULT_REGION, Clock.systemUTC());
    }

    /** Bedrock in a region, with the clock it checks signing times against. */
    public FakeBedrock(String region, Clock clock) {
        this.region = region;
        this.verifier = new SigV4Verifier(Map.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY), region, clock);
    }

    /** The {@code api_key} of a provider using the fake's access key: {@code ACCESS_KEY_ID:SECRET_ACCESS_KEY}. */
    public static String accessKeyCredential() {
        return ACCESS_KEY_ID + ":" + SECRET_ACCESS_KEY;
    }

    public FakeBedrock start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public String region() {
        return region;
    }

    @Override
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void answer(FakeAnswer answer) {
        script = new Script.Answer(answer);
    }

    @Override
    public void fail(int status) {
        script = new Script.Fail(status, ConverseWire.errorTypeFor(status));
    }

    /** Every following request gets this Bedrock error, e.g. {@code (429, "ModelNotReadyException")}. */
    public void fail(int status, String errorType) {
        script = new Script.Fail(status, errorType);
    }

    @Override
    public void failMidStream(FakeAnswer answer) {
        script = new Script.FailMidStream(answer);
    }

    @Override
    public List<CapturedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            CapturedRequest request = capture(exchange);
            requests.add(request);
            Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
                sendError(exchange, 404, "UnknownOperationException", "The requested operation is not recognized.");
                return;
            }
            Optional<SigV4Verifier.Rejection> rejected = authenticate(request);
            if (rejected.isPresent()) {
                sendError(exchange, 403, rejected.get().errorType(), rejected.get().message());
                return;
            }
            JsonNode body;
            try {
                body = request.json();
            } catch (RuntimeException e) {
                sendError(exchange, 400, "SerializationException", "Unexpected character in the request body.");
                return;
            }
            if (!body.path("messages").isArray()) {
                sendError(exchange, 400, "ValidationException", "The model returned the following errors: messages is required.");
                return;
            }
            String modelId = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
            boolean stream = path.group(2).equals("converse-stream");
            switch (script) {
                case Script.Fail fail -> sendError(exchange, fail.status(), fail.errorType(),
                        ConverseWire.messageFor(fail.errorType(), modelId));
                case Script.Answer answer -> {
                    FakeAnswer shaped = ConverseWire.asModelWould(answer.answer(), body);
                    if (stream) {
                        stream(exchange, ConverseWire.events(shaped), false);
                    } else {
                        send(exchange, 200, "application/json", ConverseWire.converseResponse(shaped));
                    }
                }
                case Script.FailMidStream fail -> {
                    if (stream) {
                        stream(exchange, ConverseWire.eventsCutShort(fail.answer()), true);
                    } else {
                        send(exchange, 200, "application/json", ConverseWire.converseResponse(fail.answer()));
                    }
                }
            }
        }
    }

    private Optional<SigV4Verifier.Rejection> authenticate(CapturedRequest request) {
        String authorization = request.header("authorization").orElse("");
        if (authorization.isEmpty()) {
            return Optional.of(new SigV4Verifier.Rejection("MissingAuthenticationTokenException",
                    "Missing Authentication Token"));
        }
        if (authorization.startsWith("Bearer ")) {
            return authorization.substring(7).equals(API_KEY) ? Optional.empty()
                    : Optional.of(new SigV4Verifier.Rejection("UnrecognizedClientException",
                            "The security token included in the request is invalid."));
        }
        return verifier.verify(request);
    }

    private static CapturedRequest capture(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        return new CapturedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                headers, body);
    }

    private static void sendError(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType",
                errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        send(exchange, status, "application/json", ConverseWire.errorBody(message));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Streams event-stream messages, each written and flushed on its own, as Bedrock sends them. */
    private static void stream(HttpExchange exchange, List<byte[]> messages, boolean cut) throws IOException {
        exchange.getResponseHeaders().set("content-type", "application/vnd.amazon.eventstream");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte[] message : messages) {
                out.write(message);
                out.flush();
            }
        } catch (IOException e) {
            if (!cut) {
                throw e;
            }
        }
    }
}
