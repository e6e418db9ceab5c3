package io.conduit.admin.seed;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.admin.mappings.ModelMappingRequest;
import io.conduit.admin.providers.ProviderRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The declarative configuration file ({@code CONDUIT_CONFIG_FILE}, YAML or JSON): providers,
 * model mappings and virtual keys, applied idempotently at start.
 */
public record DeclarativeConfig(
        List<ProviderRequest> providers,
        @JsonProperty("model_mappings") List<ModelMappingRequest> modelMappings,
        @JsonProperty("virtual_keys") List<SeedKey> virtualKeys) {

    /** A virtual key given in plaintext once; only its hash is stored. */
    public record SeedKey(
            String key,
            String name,
            Boolean enabled,
            @JsonProperty("expires_at") Instant expiresAt,
            @JsonProperty("allowed_models") List<String> allowedModels,
            Map<String, Object> metadata) {

        @Override
        public String toString() {
            return "SeedKey[" + name + "]";
        }
    }

    public List<ProviderRequest> providersOrEmpty() {
        return providers == null ? List.of() : providers;
    }

    public List<ModelMappingRequest> mappingsOrEmpty() {
        return modelMappings == null ? List.of() : modelMappings;
    }

    public List<SeedKey> keysOrEmpty() {
        return virtualKeys == null ? List.of() : virtualKeys;
    }
}
