package io.conduit.provider.testkit.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.conduit.provider.testkit.contract.CapturedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP plumbing the media fakes share: a server on 127.0.0.1 (a free port), every request captured
 * in order, and small writers for JSON, bytes and redirects. What a fake answers, and in which wire
 * format, is the fake's own business ({@link Handler}).
 */
public final class FakeServer implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<CapturedRequest> requests = new CopyOnWriteArrayList<>();

    private FakeServer(String name, Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", raw -> {
            try (raw) {
                Exchange exchange = new Exchange(raw, capture(raw));
                requests.add(exchange.request());
                handler.handle(exchange);
            }
        });
        server.start();
    }

    /** Starts a server whose requests go to {@code handler}. */
    public static FakeServer start(String name, Handler handler) {
        return new FakeServer(name, handler);
    }

    /** {@code http://127.0.0.1:PORT}, without a path. */
    public URI root() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far, in order. */
    public List<CapturedRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static CapturedRequest capture(HttpExchange raw) throws IOException {
        byte[] body = raw.getRequestBody().readAllBytes();
        URI uri = raw.getRequestURI();
        String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        raw.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return new CapturedRequest(raw.getRequestMethod(), target, headers, body);
    }

    /** One request and the means to answer it. */
    public static final class Exchange {

        private final HttpExchange raw;
        private final CapturedRequest request;

        Exchange(HttpExchange raw, CapturedRequest request) {
            this.raw = raw;
            this.request = request;
        }

        public CapturedRequest request() {
            return request;
        }

        public String method() {
            return request.method();
        }

        /** The raw (still percent-encoded) path. */
        public String path() {
            return request.path();
        }

        /** A query parameter, decoded; null when absent. */
        public String query(String name) {
            String query = raw.getRequestURI().getRawQuery();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        /** A request header, null when absent. */
        public String header(String name) {
            return request.header(name).orElse(null);
        }

        /** The body as JSON, null when it is not JSON. */
        public JsonNode jsonBody() {
            try {
                return JSON.readTree(request.body());
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** Sets a response header (call before answering). */
        public Exchange responseHeader(String name, String value) {
            raw.getResponseHeaders().set(name, value);
            return this;
        }

        public void json(int status, JsonNode body) throws IOException {
            bytes(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
        }

        public void bytes(int status, String contentType, byte[] body) throws IOException {
            if (contentType != null) {
                raw.getResponseHeaders().set("content-type", contentType);
            }
            raw.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                raw.getResponseBody().write(body);
            }
        }

        /** A status with no body (e.g. 204). */
        public void empty(int status) throws IOException {
            raw.sendResponseHeaders(status, -1);
        }

        public void redirect(int status, String location) throws IOException {
            raw.getResponseHeaders().set("location", location);
            raw.sendResponseHeaders(status, -1);
        }
    }
}
