package io.conduit.ingress.proxy;

import io.conduit.contracts.usage.Outcome;
import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.router.health.DeploymentStats;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * How a failed attempt ends: recorded on its call, reflected in the deployment's health, and
 * signalled as retriable ({@link RetriableFailure}) or final ({@link GatewayException}).
 */
final class AttemptFailures {

    private AttemptFailures() {}

    /** The provider answered with an error status. */
    static RuntimeException fromAnswer(Target target, int status, HttpHeaders headers, byte[] body, UpstreamCall call,
            DeploymentStats health, ProviderKeyRing keyRing) {
        return fromFailure(target, status, target.adapter().errorMapper().map(status, headers::get, body), call, health,
                keyRing);
    }

    /** The provider's answer was an error, by its status or (for some providers) inside a 2xx body. */
    static RuntimeException fromFailure(Target target, int status, ProviderException failure, UpstreamCall call,
            DeploymentStats health, ProviderKeyRing keyRing) {
        call.finish(Outcome.UPSTREAM_ERROR, status, TokenUsage.NONE);
        boolean rateLimited = failure.kind() == ProviderException.Kind.RATE_LIMITED;
        if (rateLimited && target.keyCount() > 1) {
            keyRing.rest(target.provider().providerId(), target.keyIndex(), failure.retryAfter().orElse(null));
        } else {
            failure.retryAfter().ifPresent(health::coolDownFor);
        }
        GatewayException clientError = ProviderErrors.fromProvider(failure, target.provider());
        if (failure.kind() == ProviderException.Kind.CONTENT_FILTERED) {
            return new FallbackFailure(FallbackFailure.Reason.CONTENT_POLICY, clientError);
        }
        if (CONTEXT_LENGTH_EXCEEDED.equals(failure.error().code())) {
            return new FallbackFailure(FallbackFailure.Reason.CONTEXT_WINDOW, clientError);
        }
        return failure instanceof ProviderException.Retriable ? new RetriableFailure(clientError, rateLimited) : clientError;
    }

    /** OpenAI's (and most compatible providers') code for a prompt longer than the model's context window. */
    static final String CONTEXT_LENGTH_EXCEEDED = "context_length_exceeded";

    /** No answer came: connection refused or reset, timeout. Always retriable. */
    static RetriableFailure fromTransport(Target target, Throwable error, UpstreamCall call) {
        call.finish(ProviderErrors.outcomeOf(error), 0, TokenUsage.NONE);
        return new RetriableFailure(ProviderErrors.fromTransport(error, target.provider()), false);
    }

    static boolean isAttemptOutcome(Throwable error) {
        return error instanceof GatewayException || error instanceof RetriableFailure || error instanceof FallbackFailure;
    }
}
