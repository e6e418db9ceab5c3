package io.conduit.ingress.http;

import io.conduit.ingress.health.HealthHandler;
import io.conduit.ingress.jobs.JobRoutes;
import io.conduit.ingress.proxy.ProxyHandler;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRoutes;

/** The gateway's HTTP server (Reactor Netty): the OpenAI-compatible routes, health, and OpenAI-style 404s. */
public final class GatewayServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    private final DisposableServer server;

    /** With the job API ({@code jobs}: videos, images, audio, jobs), when not null. */
    public GatewayServer(String host, int port, ProxyHandler proxy, ModelsHandler models, HealthHandler health,
            JobRoutes jobs) {
        this.server = HttpServer.create()
                .host(host)
                .port(port)
                // tracked connections are closed on shutdown (after their requests finish); untracked
                // keep-alive connections would go on being served after the usage publisher stopped
                .channelGroup(new DefaultChannelGroup(GlobalEventExecutor.INSTANCE))
                .route(routes -> routes(routes, proxy, models, health, jobs))
                .bindNow(Duration.ofSeconds(30));
        log.info("Gateway API listening on {}:{}", host, server.port());
    }

    private static void routes(HttpServerRoutes routes, ProxyHandler proxy, ModelsHandler models, HealthHandler health,
            JobRoutes jobs) {
        for (String prefix : new String[] {"/v1", ""}) {
            routes.post(prefix + "/chat/completions", proxy::chatCompletions)
                    .post(prefix + "/embeddings", proxy::embeddings)
                    .post(prefix + "/messages", proxy::messages)
                    .post(prefix + "/responses", proxy::responses)
                    .get(prefix + "/models", models::list)
                    .get(prefix + "/models/{model}", models::get)
                    .get(prefix + "/discovery/models", models::discover);
            if (jobs != null) {
                jobs.register(routes, prefix);
            }
        }
        routes.get("/health/live", health::live)
                .get("/health/ready", health::ready)
                .route(request -> true, (request, response) -> ErrorResponses.send(
                        response.header("x-request-id", RequestIds.resolve(request.requestHeaders().get("x-request-id"))),
                        GatewayException.unknownUrl(request.method().name(), request.path().isEmpty() ? "/" : "/" + request.path())));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
    }
}
