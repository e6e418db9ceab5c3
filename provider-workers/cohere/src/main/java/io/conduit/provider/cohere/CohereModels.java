package io.conduit.provider.cohere;

import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import java.util.Locale;

/** Default capabilities of Cohere's chat models (https://docs.cohere.com/docs/models), by name prefix. */
final class CohereModels {

    private CohereModels() {}

    static ModelCapabilities of(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (name.startsWith("command-a-vision")) {
            return ModelCapabilities.of(128_000, 8_000, ModelFeature.VISION, ModelFeature.JSON_SCHEMA);
        }
        if (name.startsWith("command-a-reasoning")) {
            return ModelCapabilities.of(256_000, 32_000, ModelFeature.TOOLS, ModelFeature.JSON_SCHEMA,
                    ModelFeature.REASONING);
        }
        if (name.startsWith("command-a")) {
            return ModelCapabilities.of(256_000, 8_000, ModelFeature.TOOLS, ModelFeature.JSON_SCHEMA);
        }
        if (name.startsWith("command-r")) {
            return ModelCapabilities.of(128_000, 4_000, ModelFeature.TOOLS, ModelFeature.JSON_SCHEMA);
        }
        return ModelCapabilities.UNKNOWN;
    }
}
