package io.conduit.provider.cohere;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;

/** A client request Cohere cannot express: rejected as a bad request before anything is sent. */
final class UnsupportedInput {

    private UnsupportedInput() {}

    static ProviderException of(String param, String message) {
        return ProviderException.of(Kind.BAD_REQUEST, 400,
                new ProviderError(message, "invalid_request_error", param, "unsupported_parameter"), null);
    }
}
