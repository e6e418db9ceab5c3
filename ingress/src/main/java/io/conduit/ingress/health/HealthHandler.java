package io.conduit.ingress.health;

import io.conduit.ingress.http.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** {@code /health/live} (the process serves) and {@code /health/ready} (every dependency answers). */
public final class HealthHandler {

    private final ReadinessMonitor readiness;

    public HealthHandler(ReadinessMonitor readiness) {
        this.readiness = readiness;
    }

    public Publisher<Void> live(HttpServerRequest request, HttpServerResponse response) {
        return json(request, response, 200, "{\"status\":\"live\"}");
    }

    public Publisher<Void> ready(HttpServerRequest request, HttpServerResponse response) {
        boolean ready = readiness.ready();
        String checks = readiness.results().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + (e.getValue() ? "up" : "down") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return json(request, response, ready ? 200 : 503,
                "{\"status\":\"" + (ready ? "ready" : "not_ready") + "\",\"checks\":" + checks + "}");
    }

    private static Publisher<Void> json(HttpServerRequest request, HttpServerResponse response, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response.status(status)
                .header("x-request-id", RequestIds.resolve(request.requestHeaders().get("x-request-id")))
                .header("content-type", "application/json")
                .header("cache-control", "no-store")
                .header("content-length", Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes));
    }
}
