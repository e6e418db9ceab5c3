package io.conduit.ingress.proxy;

import io.conduit.ingress.http.GatewayException;

/**
 * The provider refused the request for a reason another alias may not have — too long for the
 * model's context window, or refused by its content policy — before anything reached the client.
 */
final class FallbackFailure extends RuntimeException {

    enum Reason { CONTEXT_WINDOW, CONTENT_POLICY }

    private final Reason reason;
    private final GatewayException clientError;

    FallbackFailure(Reason reason, GatewayException clientError) {
        super(clientError.getMessage(), null, false, false);
        this.reason = reason;
        this.clientError = clientError;
    }

    Reason reason() {
        return reason;
    }

    GatewayException clientError() {
        return clientError;
    }
}
