package io.conduit.ingress.proxy;

import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.ingress.http.RequestIds;
import io.conduit.ingress.usage.UsageSink;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.router.Deployment;
import io.conduit.router.health.DeploymentStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call to a provider, from the gateway's point of view: when it started, when its first byte
 * came, and how it ended. Emits exactly one usage event, whichever way (and however often) the end
 * is signalled: success, error, cut, client abort.
 */
final class UpstreamCall {

    private final String id = RequestIds.newId();
    private final String requestId;
    private final VirtualKey key;
    private final String alias;
    private final Deployment deployment;
    private final ProviderEndpoint provider;
    private final String endpoint;
    private final boolean streamed;
    private final UsageSink sink;
    private final DeploymentStats health;
    private final Clock clock;
    private final Instant startedAt;
    private final long startNanos;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile long firstByteNanos;

    UpstreamCall(String requestId, VirtualKey key, String alias, Deployment deployment, ProviderEndpoint provider,
            String endpoint, boolean streamed, UsageSink sink, DeploymentStats health, Clock clock, long startNanos) {
        this.requestId = requestId;
        this.key = key;
        this.alias = alias;
        this.deployment = deployment;
        this.provider = provider;
        this.endpoint = endpoint;
        this.streamed = streamed;
        this.sink = sink;
        this.health = health;
        this.clock = clock;
        this.startNanos = startNanos;
        this.startedAt = clock.instant().minusNanos(System.nanoTime() - startNanos);
    }

    /**
     * The call was sent to the provider: if this instance dies before the call ends, the event
     * recorded for it on restart says so, with the prompt estimated at 4 bytes a token. Journaled
     * once the request is written rather than before, so a call that never left leaves no record.
     */
    void begin(long requestBodyBytes) {
        sink.begin(event(Outcome.GATEWAY_INTERRUPTED, 0, new TokenUsage((requestBodyBytes + 3) / 4, 0, 0, 0, true), 0, null,
                startedAt));
    }

    private UsageEvent event(Outcome outcome, int httpStatus, TokenUsage usage, long latencyMs, Long timeToFirstTokenMs,
            Instant finishedAt) {
        return new UsageEvent(id, requestId, key.id(), alias, provider.providerName(), deployment.providerModel(), endpoint,
                usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(), usage.reasoningTokens(),
                usage.estimated(), httpStatus, outcome, streamed, latencyMs, timeToFirstTokenMs, startedAt, finishedAt,
                key.keyGroupId(), null);
    }

    void firstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    boolean isFinished() {
        return finished.get();
    }

    /** Records the end of the call; only the first end counts. */
    void finish(Outcome outcome, int httpStatus, TokenUsage usage) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        long now = System.nanoTime();
        reportHealth(outcome, httpStatus, usage, now);
        sink.publish(event(outcome, httpStatus, usage, (now - startNanos) / 1_000_000,
                firstByteNanos == 0 ? null : (firstByteNanos - startNanos) / 1_000_000, clock.instant()));
    }

    /**
     * What the call says about the deployment: successes and provider failures count; 4xx, rate
     * limits (handled by resting the key or deployment for its Retry-After) and aborts do not.
     */
    private void reportHealth(Outcome outcome, int httpStatus, TokenUsage usage, long now) {
        Duration latency = Duration.ofNanos(now - startNanos);
        switch (outcome) {
            case OK -> health.onSuccess(firstByteNanos == 0 ? latency : Duration.ofNanos(firstByteNanos - startNanos),
                    latency, usage.promptTokens() + usage.completionTokens());
            case CLIENT_ABORTED -> health.onNeutral();
            case UPSTREAM_ERROR -> {
                if (httpStatus >= 500) {
                    health.onFailure(latency);
                } else {
                    health.onNeutral();
                }
            }
            default -> health.onFailure(latency);
        }
    }
}
