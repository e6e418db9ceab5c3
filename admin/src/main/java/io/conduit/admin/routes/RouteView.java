package io.conduit.admin.routes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.admin.mappings.ModelMappingView;
import java.util.List;

/** An alias's routing: its settings and its deployments (the model mappings of the alias). */
public record RouteView(
        String alias,
        String strategy,
        List<String> fallbacks,
        @JsonProperty("context_window_fallbacks") List<String> contextWindowFallbacks,
        @JsonProperty("content_policy_fallbacks") List<String> contentPolicyFallbacks,
        List<ModelMappingView> deployments) {}
