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
 */
public record ModelMappingRequest(
        String alias,
        String provider,
        @JsonProperty("provider_model") String providerModel,
        Integer priority,
        Integer weight) {}
