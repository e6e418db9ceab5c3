package io.conduit.admin.providers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A provider as an operator writes it. On update, absent fields stay as they are.
 *
 * @param name unique name, used by model mappings
 * @param type provider family, one of {@link io.conduit.contracts.providers.ProviderFamily}
 * @param baseUrl API base URL, e.g. {@code https://api.openai.com/v1}
 * @param apiKey the provider credential; stored encrypted, never returned
 * @param apiKeys several credentials of the same account or project (instead of {@code api_key});
 *     the gateway rotates to the next when one is rate-limited
 * @param settings non-secret options of the family, e.g. {@code api_version} for Azure OpenAI,
 *     {@code region} for Bedrock, {@code project} and {@code location} for Vertex AI
 */
public record ProviderRequest(
        String name,
        String type,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("api_key") String apiKey,
        @JsonProperty("api_keys") java.util.List<String> apiKeys,
        java.util.Map<String, String> settings) {

    public ProviderRequest(String name, String type, String baseUrl, String apiKey) {
        this(name, type, baseUrl, apiKey, null, null);
    }

    /** Every key given, first one first; empty when none was. */
    public java.util.List<String> allKeys() {
        if (apiKeys != null && !apiKeys.isEmpty()) {
            return apiKeys;
        }
        return apiKey == null ? java.util.List.of() : java.util.List.of(apiKey);
    }

    @Override
    public String toString() {
        return "ProviderRequest[" + name + ", " + type + "]";
    }
}
