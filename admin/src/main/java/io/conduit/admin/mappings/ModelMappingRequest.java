package io.conduit.admin.mappings;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A model mapping: the alias clients ask for, served by a provider's model. One alias may have
 * several mappings (deployments); the lowest {@code priority} is tried first.
 *
 * @param alias the model name clients use
 * @param provider the provider's name or id
 * @param providerModel the model name sent to the provider
 * @param priority lower first (default 0)
 * @param weight share for weighted routing (default 1)
 * @param rpmLimit requests per minute this deployment may take (usage-based routing), null for unlimited
 * @param tpmLimit tokens per minute, null for unlimited
 * @param timeoutMs longest one attempt waits for the answer to begin, null for the gateway default
 * @param maxConcurrent calls in flight at once (bulkhead), null for unlimited
 * @param costMicrosPerMillionTokens blended price for least-cost routing, micro-USD per million tokens
 * @param capabilities what the model can do, when it differs from what its adapter knows (null: the adapter's)
 */
public record ModelMappingRequest(
        String alias,
        String provider,
        @JsonProperty("provider_model") String providerModel,
        Integer priority,
        Integer weight,
        @JsonProperty("rpm_limit") Integer rpmLimit,
        @JsonProperty("tpm_limit") Integer tpmLimit,
        @JsonProperty("timeout_ms") Integer timeoutMs,
        @JsonProperty("max_concurrent") Integer maxConcurrent,
        @JsonProperty("cost_micros_per_million_tokens") Long costMicrosPerMillionTokens,
        DeploymentCapabilities capabilities) {

    public ModelMappingRequest(String alias, String provider, String providerModel, Integer priority, Integer weight) {
        this(alias, provider, providerModel, priority, weight, null, null, null, null, null, null);
    }
}
