package io.conduit.admin.mappings;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.admin.web.AdminException;
import java.util.List;
import java.util.Set;

/**
 * An operator's statement of what a deployment's model can do, overriding what its adapter knows.
 *
 * @param features any of {@code vision}, {@code tools}, {@code json_schema}, {@code reasoning}
 * @param contextWindow prompt plus output tokens the model takes
 * @param maxOutputTokens most output tokens per answer
 */
public record DeploymentCapabilities(
        List<String> features,
        @JsonProperty("context_window") Integer contextWindow,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens) {

    static final Set<String> FEATURES = Set.of("vision", "tools", "json_schema", "reasoning");

    DeploymentCapabilities validated() {
        for (String feature : features == null ? List.<String>of() : features) {
            if (!FEATURES.contains(feature)) {
                throw AdminException.badRequest("capabilities.features",
                        "Unknown feature '" + feature + "'; features are vision, tools, json_schema and reasoning.");
            }
        }
        if ((contextWindow != null && contextWindow <= 0) || (maxOutputTokens != null && maxOutputTokens <= 0)) {
            throw AdminException.badRequest("capabilities", "'context_window' and 'max_output_tokens' must be positive.");
        }
        return new DeploymentCapabilities(features == null ? List.of() : List.copyOf(features), contextWindow,
                maxOutputTokens);
    }
}
