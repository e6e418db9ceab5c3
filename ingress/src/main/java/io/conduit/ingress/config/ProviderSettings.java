package io.conduit.ingress.config;

import io.conduit.contracts.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A provider's non-secret options, stored as a JSON object of strings. */
final class ProviderSettings {

    private ProviderSettings() {}

    static Map<String, String> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        JsonNode node = Json.mapper().readTree(json);
        node.properties().forEach(e -> settings.put(e.getKey(), e.getValue().isString()
                ? e.getValue().stringValue() : e.getValue().toString()));
        return settings;
    }
}
