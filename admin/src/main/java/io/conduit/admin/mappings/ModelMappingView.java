package io.conduit.admin.mappings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A model mapping as the admin API shows it. */
public record ModelMappingView(
        String id,
        String alias,
        String provider,
        @JsonProperty("provider_id") String providerId,
        @JsonProperty("provider_model") String providerModel,
        int priority,
        int weight,
        @JsonProperty("rpm_limit") Integer rpmLimit,
        @JsonProperty("tpm_limit") Integer tpmLimit,
        @JsonProperty("timeout_ms") Integer timeoutMs,
        @JsonProperty("max_concurrent") Integer maxConcurrent,
        @JsonProperty("cost_micros_per_million_tokens") Long costMicrosPerMillionTokens,
        DeploymentCapabilities capabilities,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {}
