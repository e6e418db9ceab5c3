package io.conduit.ingress.proxy;

import io.conduit.contracts.usage.Outcome;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.ingress.http.GatewayException;
import io.conduit.ingress.usage.UsageSink;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.router.Router;
import io.conduit.router.health.DeploymentStats;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Tries a request's plan: one upstream call per attempt, each on the next deployment, while
 * failures are retriable, attempts and the overall deadline allow, and nothing has reached the
 * client yet. Deployments whose circuit is open, that are cooling down or whose bulkhead is full
 * are skipped. A request too long for the model, or refused by its content policy, moves to the
 * alias's context-window or content-policy fallbacks. Each attempt sends the request in the form
 * its deployment's capability takes (as sent, or translated to chat completions); a deployment that
 * needs a translation the request does not allow is skipped. The response says which deployment
 * served and after how many attempts.
 */
public final class FailoverExchange {

    /** What every exchange needs, shared. */
    public record Dependencies(UpstreamClient upstream, UsageSink usage, TokenEstimator tokens, Router router,
            ProviderKeyRing keyRing, RetryPolicy retry, Duration defaultTryTimeout, Clock clock) {}

    /** The validated request being served, in the forms its targets take; its calls' usage goes to {@code usage}. */
    record Request(String requestId, VirtualKey key, String alias, String endpoint, ClientRequest client,
            long startNanos, UsageSink usage) {}

    private final Dependencies deps;
    private final Request request;
    private final Function<FallbackFailure.Reason, List<Target>> fallbacks;
    private final Set<FallbackFailure.Reason> fallbacksTaken = EnumSet.noneOf(FallbackFailure.Reason.class);
    private final long deadlineNanos;
    private volatile List<Target> plan;

    /**
     * @param plan the targets to try in order
     * @param fallbacks the targets of the alias's context-window or content-policy fallbacks, taken at most once each
     */
    FailoverExchange(Dependencies deps, Request request, List<Target> plan,
            Function<FallbackFailure.Reason, List<Target>> fallbacks) {
        this.deps = deps;
        this.request = request;
        this.plan = plan;
        this.fallbacks = fallbacks;
        this.deadlineNanos = request.startNanos() + deps.retry().overallDeadline().toNanos();
    }

    Mono<Void> run(HttpServerResponse response) {
        return attempt(response, 0, 1, null);
    }

    private Mono<Void> attempt(HttpServerResponse response, int index, int attemptNo, GatewayException last) {
        if (index >= plan.size()) {
            return Mono.error(last != null ? last : noneAvailable());
        }
        Target target = plan.get(index);
        ClientRequest.Prepared prepared;
        try {
            prepared = request.client().prepared(target.calls().form());
        } catch (GatewayException untranslatable) {
            // this deployment needs the request translated, which it does not allow: no call is made
            return attempt(response, index + 1, attemptNo, last != null ? last : untranslatable);
        }
        DeploymentStats health = deps.router().health().of(target.deployment().id());
        Integer bulkhead = target.deployment().maxConcurrent();
        if (!health.tryAcquire(bulkhead == null ? Integer.MAX_VALUE : bulkhead)) {
            return attempt(response, index + 1, attemptNo, last);
        }
        InboundCall inbound = new InboundCall(prepared.inbound().body(), target.deployment().providerModel(),
                prepared.inbound().stream(), prepared.inbound().clientWantsUsage());
        UpstreamRequest upstreamRequest;
        try {
            upstreamRequest = target.calls().request(target.provider(), inbound);
        } catch (ProviderException unsendable) {
            // the adapter cannot express this request for its provider (or lacks a setting): no call was made
            health.onNeutral();
            GatewayException clientError = ProviderErrors.fromProvider(unsendable, target.provider());
            return unsendable instanceof ProviderException.Retriable
                    ? attempt(response, nextDeployment(index), attemptNo, clientError)
                    : Mono.error(clientError);
        }
        UpstreamCall call = new UpstreamCall(request.requestId(), request.key(), request.alias(), target.deployment(),
                target.provider(), request.endpoint(), inbound.stream(), request.usage(), health, deps.clock(),
                request.startNanos());
        response.header("x-conduit-provider", target.provider().providerName())
                .header("x-conduit-model", target.deployment().providerModel())
                .header("x-conduit-attempts", Integer.toString(attemptNo));
        Duration tryTimeout = tryTimeout(target);
        Mono<Void> flow = inbound.stream()
                ? new StreamingExchange(deps.upstream(), deps.tokens(), target, inbound, call, health, deps.keyRing(),
                        prepared.shape().stream())
                        .run(upstreamRequest, tryTimeout, response)
                : plain(upstreamRequest, target, inbound, prepared.shape(), call, health, tryTimeout, response);
        return flow.onErrorResume(RetriableFailure.class, failure -> {
            int nextIndex = failure.rateLimited() ? index + 1 : nextDeployment(index);
            Duration pause = deps.retry().backoffBefore(attemptNo + 1, ThreadLocalRandom.current());
            boolean another = attemptNo < deps.retry().maxAttempts() && nextIndex < plan.size()
                    && !response.hasSentHeaders() && System.nanoTime() + pause.toNanos() < deadlineNanos;
            if (!another) {
                return Mono.error(failure.clientError());
            }
            return Mono.delay(pause).then(Mono.defer(() -> attempt(response, nextIndex, attemptNo + 1, failure.clientError())));
        }).onErrorResume(FallbackFailure.class, failure -> {
            if (response.hasSentHeaders() || !fallbacksTaken.add(failure.reason())) {
                return Mono.error(failure.clientError());
            }
            List<Target> next = fallbacks.apply(failure.reason());
            if (next.isEmpty()) {
                return Mono.error(failure.clientError());
            }
            plan = next;
            return attempt(response, 0, attemptNo + 1, failure.clientError());
        });
    }

    private Mono<Void> plain(UpstreamRequest upstreamRequest, Target target, InboundCall inbound, ClientShape shape,
            UpstreamCall call, DeploymentStats health, Duration tryTimeout, HttpServerResponse response) {
        return deps.upstream().exchange(upstreamRequest, () -> call.begin(upstreamRequest.body().length))
                .timeout(tryTimeout)
                .onErrorMap(e -> !AttemptFailures.isAttemptOutcome(e), e -> AttemptFailures.fromTransport(target, e, call))
                .flatMap(answer -> {
                    call.firstByte();
                    if (answer.status() >= 400) {
                        return Mono.error(AttemptFailures.fromAnswer(target, answer.status(), answer.headers(),
                                answer.body(), call, health, deps.keyRing()));
                    }
                    byte[] out;
                    try {
                        out = target.calls().responseBody(inbound, answer.body());
                    } catch (ProviderException inBandError) {
                        return Mono.error(AttemptFailures.fromFailure(target, answer.status(), inBandError, call, health,
                                deps.keyRing()));
                    }
                    call.finish(Outcome.OK, answer.status(), counted(target.calls().usage(answer.body()), inbound));
                    out = shape.body(out);
                    response.status(answer.status())
                            .header("content-type", "application/json")
                            .header("content-length", Integer.toString(out.length));
                    return response.sendByteArray(Mono.just(out)).then();
                })
                .doOnCancel(() -> call.finish(Outcome.CLIENT_ABORTED, 0,
                        new TokenUsage(deps.tokens().countPrompt(inbound.body()), 0, 0, 0, true)));
    }

    /**
     * The adapter's usage, or the gateway's own count of the prompt when the provider reported none
     * (the adapter says so with an estimated usage of zero, e.g. Gemini API embeddings).
     */
    private TokenUsage counted(TokenUsage usage, InboundCall inbound) {
        if (!usage.estimated() || usage.promptTokens() > 0) {
            return usage;
        }
        return new TokenUsage(deps.tokens().countPrompt(inbound.body()), usage.completionTokens(), usage.cachedTokens(),
                usage.reasoningTokens(), true);
    }

    /** The first target after {@code index} on another deployment (its other keys would fail the same way). */
    private int nextDeployment(int index) {
        String failed = plan.get(index).deployment().id();
        int next = index + 1;
        while (next < plan.size() && plan.get(next).deployment().id().equals(failed)) {
            next++;
        }
        return next;
    }

    /** The deployment's own per-try timeout (or the default), never past the request's deadline. */
    private Duration tryTimeout(Target target) {
        Duration configured = target.deployment().tryTimeout() != null ? target.deployment().tryTimeout()
                : deps.defaultTryTimeout();
        Duration left = Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime()));
        return configured.compareTo(left) < 0 ? configured : left;
    }

    private GatewayException noneAvailable() {
        return new GatewayException(503, "api_error", "no_deployment_available", "model",
                "Every deployment of the model '" + request.alias() + "' is temporarily unavailable; retry shortly.",
                Map.of("retry-after", "1"));
    }
}
