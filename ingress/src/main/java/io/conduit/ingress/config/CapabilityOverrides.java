package io.conduit.ingress.config;

import io.conduit.contracts.json.Json;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A deployment's capabilities as the admin API stores them ({@code features}, {@code context_window}, {@code max_output_tokens}). */
final class CapabilityOverrides {

    private CapabilityOverrides() {}

    static ModelCapabilities parse(String json) {
        JsonNode node = Json.mapper().readTree(json);
        Set<ModelFeature> features = EnumSet.noneOf(ModelFeature.class);
        for (JsonNode feature : node.path("features")) {
            features.add(ModelFeature.valueOf(feature.asString().toUpperCase(Locale.ROOT)));
        }
        return new ModelCapabilities(features, node.path("context_window").asInt(0), node.path("max_output_tokens").asInt(0));
    }
}
