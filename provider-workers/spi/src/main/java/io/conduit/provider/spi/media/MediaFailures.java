package io.conduit.provider.spi.media;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;

/** The failures media adapters raise themselves, before or after talking to their provider. */
public final class MediaFailures {

    private MediaFailures() {}

    /** A client request the provider cannot express: refused before anything is sent (400, not retried). */
    public static ProviderException badRequest(String param, String message) {
        return ProviderException.of(Kind.BAD_REQUEST, 400,
                new ProviderError(message, "invalid_request_error", param, "unsupported_parameter"), null);
    }

    /** A 2xx answer that cannot be read: the provider's fault, worth another try. */
    public static ProviderException unreadable(String provider, String what) {
        return ProviderException.of(Kind.SERVER_ERROR, 200,
                new ProviderError(provider + "'s " + what + " answer could not be read.", "server_error", null, null), null);
    }
}
