package io.conduit.admin.providers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A provider as an operator writes it. On update, absent fields stay as they are.
 *
 * @param name unique name, used by model mappings
 * @param type provider family: {@code openai} or {@code openai_compatible}
 * @param baseUrl API base URL, e.g. {@code https://api.openai.com/v1}
 * @param apiKey the provider credential; stored encrypted, never returned
 */
public record ProviderRequest(
        String name,
        String type,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("api_key") String apiKey) {

    @Override
    public String toString() {
        return "ProviderRequest[" + name + ", " + type + "]";
    }
}
