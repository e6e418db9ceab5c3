package io.conduit.provider.spi;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where and as whom to call one configured provider. Holds the decrypted credential: never log
 * it; {@link #toString()} leaves it out.
 *
 * @param providerId id of the provider in the configuration
 * @param providerName operator-chosen name, safe to show
 * @param adapterId id of the adapter family that speaks to it, e.g. {@code openai}
 * @param baseUrl base URL, e.g. {@code https://api.openai.com/v1}
 * @param apiKey the provider credential (for some families a composite secret, e.g. an AWS key
 *     pair or a service-account JSON document; each adapter's documentation says which)
 * @param settings non-secret options of the provider, e.g. {@code api_version}, {@code region}
 */
public record ProviderEndpoint(String providerId, String providerName, String adapterId, URI baseUrl, String apiKey,
        Map<String, String> settings) {

    public ProviderEndpoint {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public ProviderEndpoint(String providerId, String providerName, String adapterId, URI baseUrl, String apiKey) {
        this(providerId, providerName, adapterId, baseUrl, apiKey, Map.of());
    }

    /** A non-secret provider option. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name)).filter(v -> !v.isBlank());
    }

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
