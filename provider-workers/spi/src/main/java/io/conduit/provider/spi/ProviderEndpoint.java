package io.conduit.provider.spi;

import java.net.URI;

/**
 * Where and as whom to call one configured provider. Holds the decrypted credential: never log
 * it; {@link #toString()} leaves it out.
 *
 * @param providerId id of the provider in the configuration
 * @param providerName operator-chosen name, safe to show
 * @param adapterId id of the adapter family that speaks to it, e.g. {@code openai}
 * @param baseUrl base URL, e.g. {@code https://api.openai.com/v1}
 * @param apiKey the provider credential
 */
public record ProviderEndpoint(String providerId, String providerName, String adapterId, URI baseUrl, String apiKey) {

    /** {@code baseUrl} joined with a path such as {@code /chat/completions}. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    @Override
    public String toString() {
        return "ProviderEndpoint[" + providerName + " (" + adapterId + ")]";
    }
}
