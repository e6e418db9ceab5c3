package io.conduit.ingress.proxy;

import io.conduit.contracts.usage.Outcome;
import io.conduit.ingress.auth.Authenticator;
import io.conduit.ingress.auth.KeyExtractor;
import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.ingress.http.ErrorResponses;
import io.conduit.ingress.http.GatewayException;
import io.conduit.ingress.http.RequestBodyReader;
import io.conduit.ingress.http.RequestIds;
import io.conduit.ingress.usage.UsageSink;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.time.Clock;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The proxy's front half, shared by every proxied API: request id, key, body, validation, target;
 * then a plain exchange here, or a stream through {@link StreamingExchange}.
 */
public final class ProxyHandler {

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

    private final GatewayConfigCache config;
    private final Authenticator authenticator;
    private final TargetResolver targets;
    private final UpstreamClient upstream;
    private final UsageSink usage;
    private final TokenEstimator tokens;
    private final Clock clock;
    private final int maxBodyBytes;

    public ProxyHandler(GatewayConfigCache config, Authenticator authenticator, ProviderAdapters adapters,
            UpstreamClient upstream, UsageSink usage, TokenEstimator tokens, Clock clock, int maxBodyBytes) {
        this.config = config;
        this.authenticator = authenticator;
        this.targets = new TargetResolver(adapters);
        this.upstream = upstream;
        this.usage = usage;
        this.tokens = tokens;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    public Publisher<Void> chatCompletions(HttpServerRequest request, HttpServerResponse response) {
        return handle(request, response, Operation.CHAT_COMPLETIONS);
    }

    public Publisher<Void> embeddings(HttpServerRequest request, HttpServerResponse response) {
        return handle(request, response, Operation.EMBEDDINGS);
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, Operation operation) {
        long start = System.nanoTime();
        String requestId = RequestIds.resolve(request.requestHeaders().get("x-request-id"));
        response.header("x-request-id", requestId);
        VirtualKey key;
        try {
            key = authenticator.authenticate(KeyExtractor.presentedKey(request.requestHeaders()));
        } catch (GatewayException e) {
            return ErrorResponses.send(response, e);
        }
        return RequestBodyReader.read(request, maxBodyBytes)
                .flatMap(body -> Mono.from(proxy(operation, body, key, requestId, start, response)))
                .onErrorResume(GatewayException.class, e -> Mono.from(ErrorResponses.send(response, e)))
                .onErrorResume(e -> {
                    log.error("Request {} failed unexpectedly: {}", requestId, e.toString());
                    return Mono.from(ErrorResponses.send(response, new GatewayException(500, "api_error",
                            "internal_error", null, "The gateway failed to process the request.", Map.of())));
                });
    }

    private Publisher<Void> proxy(Operation operation, byte[] body, VirtualKey key, String requestId, long start,
            HttpServerResponse response) {
        ValidatedRequest validated = operation.validator().apply(body);
        GatewaySnapshot snapshot = config.current();
        Target target = targets.resolve(snapshot, key, validated.alias());
        Operation.Calls calls = operation.capability().apply(target.adapter()).orElseThrow(() ->
                GatewayException.badRequest("unsupported_operation", "model",
                        "The model '" + validated.alias() + "' does not support " + operation.endpoint() + "."));
        InboundCall inbound = new InboundCall(validated.body(), target.deployment().providerModel(), validated.stream(),
                validated.clientWantsUsage());
        UpstreamRequest upstreamRequest = calls.request(target.provider(), inbound);
        UpstreamCall call = new UpstreamCall(requestId, key, validated.alias(), target.deployment(), target.provider(),
                operation.endpoint(), validated.stream(), usage, clock, start);
        if (validated.stream()) {
            return new StreamingExchange(upstream, tokens, target, calls, inbound, call)
                    .run(upstreamRequest, response);
        }
        return plain(upstreamRequest, target, calls, inbound, call, response);
    }

    private Mono<Void> plain(UpstreamRequest upstreamRequest, Target target, Operation.Calls calls, InboundCall inbound,
            UpstreamCall call, HttpServerResponse response) {
        return upstream.exchange(upstreamRequest)
                .onErrorMap(e -> !(e instanceof GatewayException), e -> {
                    call.finish(ProviderErrors.outcomeOf(e), 0, TokenUsage.NONE);
                    return ProviderErrors.fromTransport(e, target.provider());
                })
                .flatMap(answer -> {
                    call.firstByte();
                    if (answer.status() >= 400) {
                        ProviderException failure = target.adapter().errorMapper()
                                .map(answer.status(), answer.headers()::get, answer.body());
                        call.finish(Outcome.UPSTREAM_ERROR, answer.status(), TokenUsage.NONE);
                        return Mono.error(ProviderErrors.fromProvider(failure, target.provider()));
                    }
                    call.finish(Outcome.OK, answer.status(), calls.usage(answer.body()));
                    byte[] out = calls.responseBody(answer.body());
                    response.status(answer.status())
                            .header("content-type", "application/json")
                            .header("content-length", Integer.toString(out.length));
                    return response.sendByteArray(Mono.just(out)).then();
                })
                .doOnCancel(() -> call.finish(Outcome.CLIENT_ABORTED, 0,
                        new TokenUsage(tokens.countPrompt(inbound.body()), 0, 0, 0, true)));
    }
}
