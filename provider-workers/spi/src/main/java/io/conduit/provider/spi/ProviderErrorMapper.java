package io.conduit.provider.spi;

import java.util.function.Function;

/** One per provider family: from an error status, headers and body to a {@link ProviderException}. */
@FunctionalInterface
public interface ProviderErrorMapper {

    /**
     * @param status the provider's HTTP status (≥ 400)
     * @param header reads a response header by name, null when absent
     * @param body the error body (may be empty or not JSON)
     */
    ProviderException map(int status, Function<String, String> header, byte[] body);
}
