package io.conduit.ingress.proxy;

import io.conduit.ingress.http.GatewayException;

/**
 * One attempt failed in a way another deployment may not (429, 5xx, timeout, connection failure),
 * before anything reached the client. Carries what the client sees if no attempt is left.
 */
final class RetriableFailure extends RuntimeException {

    private final GatewayException clientError;
    private final boolean rateLimited;

    RetriableFailure(GatewayException clientError, boolean rateLimited) {
        super(clientError.getMessage(), null, false, false);
        this.clientError = clientError;
        this.rateLimited = rateLimited;
    }

    /** A rate limit is about the key or the moment: the same deployment may answer with another key. */
    boolean rateLimited() {
        return rateLimited;
    }

    GatewayException clientError() {
        return clientError;
    }
}
