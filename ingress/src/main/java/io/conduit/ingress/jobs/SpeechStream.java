package io.conduit.ingress.jobs;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.http.GatewayException;
import io.conduit.ingress.proxy.CapableDeployments;
import io.conduit.ingress.proxy.ProviderErrors;
import io.conduit.ingress.proxy.UpstreamClient;
import io.conduit.ingress.usage.UsageSink;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.MalformedJsonException;
import io.conduit.contracts.json.Json;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/audio/speech} answered as it is spoken: the provider's audio is streamed to the
 * client as it arrives (decoded whole first only for providers that wrap it in JSON), with one usage
 * event per provider call, priced by the characters spoken. Provider errors before the first byte
 * move on to the alias's next deployment when retriable; then the client gets the provider's error
 * in the OpenAI envelope. ({@code Prefer: respond-async} makes speech a job instead.)
 */
final class SpeechStream {

    private record Target(ProviderEndpoint endpoint, ProviderAdapter adapter, Speech speech, String providerModel) {}

    private final JobsApi api;
    private final UpstreamClient upstream;
    private final UsageSink usage;
    private final Clock clock;

    SpeechStream(JobsApi api, UpstreamClient upstream, UsageSink usage, Clock clock) {
        this.api = api;
        this.upstream = upstream;
        this.usage = usage;
        this.clock = clock;
    }

    Mono<Void> serve(JobsApi.Call call, ObjectNode request, String alias) {
        List<Target> plan = plan(api.config.current(), alias);
        if (plan.isEmpty()) {
            return Mono.error(GatewayException.badRequest("unsupported_operation", "model",
                    "The model '" + alias + "' does not support audio.speech."));
        }
        JsonObjectScan body;
        try {
            body = JsonObjectScan.parse(Json.mapper().writeValueAsBytes(request));
        } catch (MalformedJsonException e) {
            return Mono.error(GatewayException.badRequest("invalid_json", null, "The request body is not a JSON object."));
        }
        return attempt(call, body, alias, plan, 0);
    }

    private List<Target> plan(GatewaySnapshot snapshot, String alias) {
        return CapableDeployments.of(snapshot, api.adapters, alias, adapter -> adapter.speech().isPresent()).stream()
                .map(d -> new Target(d.endpoint(), d.adapter(), d.adapter().speech().orElseThrow(), d.providerModel())).toList();
    }

    private Mono<Void> attempt(JobsApi.Call call, JsonObjectScan body, String alias, List<Target> plan, int index) {
        Target target = plan.get(index);
        boolean last = index + 1 >= plan.size();
        InboundCall inbound = new InboundCall(body, target.providerModel(), true, false);
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        AtomicLong firstByte = new AtomicLong(-1);
        AtomicBoolean recorded = new AtomicBoolean();
        return upstream.stream(target.speech().request(target.endpoint(), inbound)).switchOnFirst((first, parts) -> {
            if (!(first.get() instanceof UpstreamClient.Head head)) {
                return first.hasError() ? Mono.error(first.getThrowable()) : Mono.empty();
            }
            Flux<byte[]> bytes = parts.skip(1).map(part -> ((UpstreamClient.Bytes) part).bytes());
            if (head.status() >= 300) {
                return join(bytes).flatMap(error -> {
                    ProviderException e = target.adapter().errorMapper().map(head.status(), head.headers()::get, error);
                    record(call, alias, target, head.status(), Outcome.UPSTREAM_ERROR, null, startedAt, start, -1, recorded);
                    return e.kind().retriable() && !last ? attempt(call, body, alias, plan, index + 1)
                            : Mono.error(ProviderErrors.fromProvider(e, target.endpoint()));
                });
            }
            Speech.Answer answer = target.speech().answer(inbound, head.headers()::get);
            Flux<byte[]> audio = target.speech().wrapsAudio() ? join(bytes).map(target.speech()::audio).flux() : bytes;
            return call.response().status(200).header("content-type", answer.contentType())
                    .sendByteArray(audio.doOnNext(chunk -> firstByte.compareAndSet(-1, System.nanoTime())))
                    .then()
                    .doOnSuccess(done -> record(call, alias, target, 200, Outcome.OK, answer.media(), startedAt, start,
                            firstByte.get(), recorded))
                    .doOnError(e -> record(call, alias, target, 200, Outcome.CLIENT_ABORTED, answer.media(), startedAt, start,
                            firstByte.get(), recorded))
                    .doOnCancel(() -> record(call, alias, target, 200, Outcome.CLIENT_ABORTED, answer.media(), startedAt, start,
                            firstByte.get(), recorded));
        }).then().onErrorResume(e -> !(e instanceof GatewayException), e -> {
            if (firstByte.get() >= 0) {
                return Mono.error(e); // audio went out already: the connection is cut, nothing can be retried
            }
            if (e instanceof ProviderException provider) { // an error the provider put in a 2xx body
                record(call, alias, target, provider.upstreamStatus(), Outcome.UPSTREAM_ERROR, null, startedAt, start, -1, recorded);
                return provider.kind().retriable() && !last ? attempt(call, body, alias, plan, index + 1)
                        : Mono.error(ProviderErrors.fromProvider(provider, target.endpoint()));
            }
            record(call, alias, target, 0, ProviderErrors.outcomeOf(e), null, startedAt, start, -1, recorded);
            return last ? Mono.error(ProviderErrors.fromTransport(e, target.endpoint())) : attempt(call, body, alias, plan, index + 1);
        });
    }

    private static Mono<byte[]> join(Flux<byte[]> chunks) {
        return chunks.collect(ByteArrayOutputStream::new, (out, chunk) -> out.write(chunk, 0, chunk.length))
                .map(ByteArrayOutputStream::toByteArray);
    }

    /** One usage event per provider call: spoken characters when audio went out, nothing charged otherwise. */
    private void record(JobsApi.Call call, String alias, Target target, int status, Outcome outcome, MediaUsage media,
            Instant startedAt, long start, long firstByte, AtomicBoolean recorded) {
        if (!recorded.compareAndSet(false, true)) {
            return;
        }
        long now = System.nanoTime();
        usage.publish(new UsageEvent(UUID.randomUUID().toString(), call.requestId(), call.key().id(), alias,
                target.endpoint().providerName(), target.providerModel(), "audio.speech", 0, 0, 0, 0, false, status, outcome,
                true, (now - start) / 1_000_000, firstByte < 0 ? null : (firstByte - start) / 1_000_000, startedAt,
                clock.instant(), call.key().keyGroupId(), outcome == Outcome.OK || outcome == Outcome.CLIENT_ABORTED ? media : null));
    }
}
