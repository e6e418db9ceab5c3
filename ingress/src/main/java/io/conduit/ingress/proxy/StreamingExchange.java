package io.conduit.ingress.proxy;

import io.conduit.contracts.usage.Outcome;
import io.conduit.ingress.http.ErrorResponses;
import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.StreamDecoder;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.router.health.DeploymentStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One streamed answer: relays the provider's events to the client as they arrive, each flushed at
 * once. An error before the first byte is an ordinary error response; a failure after it ends the
 * stream with an error event. However the stream ends (done, cut, client gone) the call records
 * one usage event, with the provider's usage or, failing that, counted tokens.
 */
final class StreamingExchange {

    private final UpstreamClient upstream;
    private final TokenEstimator tokens;
    private final Target target;
    private final InboundCall inbound;
    private final UpstreamCall call;
    private final StreamRelay relay;
    private final DeploymentStats health;
    private final ProviderKeyRing keyRing;
    private final StreamDecoder decoder;
    private final ClientShape.Stream shape;
    private volatile Outcome failure;
    private volatile int status;

    StreamingExchange(UpstreamClient upstream, TokenEstimator tokens, Target target, InboundCall inbound,
            UpstreamCall call, DeploymentStats health, ProviderKeyRing keyRing, ClientShape.Stream shape) {
        this.shape = shape;
        this.upstream = upstream;
        this.tokens = tokens;
        this.target = target;
        this.inbound = inbound;
        this.call = call;
        this.health = health;
        this.keyRing = keyRing;
        this.relay = target.calls().openStream(inbound);
        this.decoder = target.calls().streamDecoder();
    }

    /** @param tryTimeout longest wait for the provider's answer to begin (then the attempt fails, retriably) */
    Mono<Void> run(UpstreamRequest request, Duration tryTimeout, HttpServerResponse response) {
        return upstream.stream(request, () -> call.begin(request.body().length))
                .timeout(Mono.delay(tryTimeout), part -> Mono.never())
                .switchOnFirst((first, parts) -> {
                    if (!first.hasValue()) {
                        return parts;
                    }
                    UpstreamClient.Head head = (UpstreamClient.Head) first.get();
                    status = head.status();
                    if (head.status() >= 300) {
                        return providerError(head, parts);
                    }
                    response.status(200)
                            .header("content-type", "text/event-stream; charset=utf-8")
                            .header("cache-control", "no-cache");
                    Flux<ByteBuf> events = parts.skip(1)
                            .map(part -> ((UpstreamClient.Bytes) part).bytes())
                            .handle(this::relayChunk)
                            .onErrorResume(this::endWithError)
                            .concatWith(Mono.defer(this::endIfCut))
                            .concatWith(Mono.fromSupplier(() -> shape.onEnd(relay.completed() && failure == null
                                    && relay.streamFailure().isEmpty())).filter(b -> b.length > 0).map(Unpooled::wrappedBuffer))
                            .doFinally(this::finish);
                    return response.send(events, buf -> true).then();
                })
                .onErrorMap(e -> status == 0 && !AttemptFailures.isAttemptOutcome(e),
                        e -> AttemptFailures.fromTransport(target, e, call))
                .doOnCancel(() -> finish(SignalType.CANCEL))
                .then();
    }

    private Flux<Void> providerError(UpstreamClient.Head head, Flux<UpstreamClient.Part> parts) {
        return parts.skip(1)
                .map(part -> ((UpstreamClient.Bytes) part).bytes())
                .defaultIfEmpty(new byte[0])
                .take(1)
                .flatMap(body -> Mono.error(AttemptFailures.fromAnswer(target, head.status(), head.headers(), body, call,
                        health, keyRing)));
    }

    private void relayChunk(byte[] chunk, reactor.core.publisher.SynchronousSink<ByteBuf> sink) {
        call.firstByte();
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length + 16);
        decoder.feed(chunk, event -> {
            byte[] relayed = relay.relay(event);
            if (relayed != null) {
                out.writeBytes(relayed);
            }
        });
        if (out.size() > 0) {
            byte[] shaped = shape.onEvents(out.toByteArray());
            if (shaped.length > 0) {
                sink.next(Unpooled.wrappedBuffer(shaped));
            }
        }
    }

    /** The provider's connection failed mid-stream (reset, premature close, read timeout). */
    private Mono<ByteBuf> endWithError(Throwable error) {
        failure = ProviderErrors.isTimeout(error) ? Outcome.UPSTREAM_TIMEOUT : Outcome.UPSTREAM_CUT;
        return Mono.just(errorEvent(ProviderErrors.isTimeout(error)
                ? "The provider stopped sending before the answer was complete (timed out)."
                : "The provider ended the stream before the answer was complete."));
    }

    /** The provider closed the stream cleanly but without its end marker (an in-band error event already told the client). */
    private Mono<ByteBuf> endIfCut() {
        if (relay.completed() || failure != null || relay.streamFailure().isPresent()) {
            return Mono.empty();
        }
        failure = Outcome.UPSTREAM_CUT;
        return Mono.just(errorEvent("The provider ended the stream before the answer was complete."));
    }

    /** The stream's own ending for an interruption (a Responses stream's error events), else an OpenAI error event. */
    private ByteBuf errorEvent(String message) {
        GatewayException e = new GatewayException(502, "upstream_error", "stream_interrupted", null,
                "The provider '" + target.provider().providerName() + "' failed: " + message, Map.of());
        byte[] events = relay.interruption(new ProviderError(e.getMessage(), e.type(), e.param(), e.code()))
                .orElseGet(() -> ErrorResponses.streamEvent(e));
        return Unpooled.wrappedBuffer(shape.onEvents(events));
    }

    private void finish(SignalType signal) {
        if (call.isFinished()) {
            return;
        }
        Outcome outcome = switch (signal) {
            case CANCEL -> Outcome.CLIENT_ABORTED;
            case ON_ERROR -> failure != null ? failure : Outcome.CLIENT_ABORTED;
            default -> failure != null ? failure
                    : relay.streamFailure().isPresent() ? Outcome.UPSTREAM_ERROR : Outcome.OK;
        };
        call.finish(outcome, status, relay.reportedUsage().orElseGet(this::estimatedUsage));
    }

    private TokenUsage estimatedUsage() {
        return new TokenUsage(tokens.countPrompt(inbound.body()), tokens.countText(relay.generatedText()), 0, 0, true);
    }
}
