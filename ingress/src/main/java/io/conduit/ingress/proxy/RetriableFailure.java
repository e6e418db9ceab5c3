package io.conduit.ingress.proxy;

import io.conduit.ingress.http.GatewayException;

/**
 * One attempt failed in a way another deployment may not (429, 5xx, timeout, connection failure),
 * before anything reached the client. Carries what the client sees if no attempt is left.
 */
final class RetriableFailure extends RuntimeException {

    private final GatewayException clientError;

    RetriableFailure(GatewayException clientError) {
        super(clientError.getMessage(), null, false, false);
        this.clientError = clientError;
    }

    GatewayException clientError() {
        return clientError;
    }
}
