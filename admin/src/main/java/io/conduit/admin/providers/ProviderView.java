package io.conduit.admin.providers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A provider as the admin API shows it: the credential only as a masked hint. */
public record ProviderView(
        String id,
        String name,
        String type,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("api_key_hint") String apiKeyHint,
        @JsonProperty("extra_api_key_hints") java.util.List<String> extraApiKeyHints,
        java.util.Map<String, String> settings,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {}
