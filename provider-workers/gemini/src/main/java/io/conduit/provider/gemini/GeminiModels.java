package io.conduit.provider.gemini;

import static io.conduit.provider.spi.ModelFeature.JSON_SCHEMA;
import static io.conduit.provider.spi.ModelFeature.REASONING;
import static io.conduit.provider.spi.ModelFeature.TOOLS;
import static io.conduit.provider.spi.ModelFeature.VISION;

import io.conduit.provider.spi.ModelCapabilities;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Gemini model families can do (https://ai.google.dev/gemini-api/docs/models and
 * https://cloud.google.com/vertex-ai/generative-ai/docs/models), matched by the longest known
 * prefix of the model name, and how each family takes a thinking setting.
 */
final class GeminiModels {

    /** How a model takes {@code reasoning_effort}. */
    enum Thinking {
        /** No thinking (Gemini 1.x, 2.0): the setting is dropped. */
        NONE,
        /** {@code thinkingConfig.thinkingBudget} in tokens (Gemini 2.5, and models not known here). */
        BUDGET,
        /** {@code thinkingConfig.thinkingLevel} (Gemini 3). */
        LEVEL
    }

    private static final ModelCapabilities THINKING_1M = ModelCapabilities.of(1_048_576, 65_536,
            VISION, TOOLS, JSON_SCHEMA, REASONING);
    private static final ModelCapabilities FLASH_2_0 = ModelCapabilities.of(1_048_576, 8_192, VISION, TOOLS, JSON_SCHEMA);
    private static final ModelCapabilities IMAGE_OUT = ModelCapabilities.of(32_768, 32_768, VISION);
    private static final ModelCapabilities IMAGE_OUT_3 = ModelCapabilities.of(65_536, 32_768, VISION, REASONING);
    private static final ModelCapabilities EMBEDDING = ModelCapabilities.of(2_048, 0);

    /** Longest prefixes first. */
    private static final List<Map.Entry<String, ModelCapabilities>> KNOWN = List.of(
            Map.entry("gemini-3", THINKING_1M),
            Map.entry("gemini-2.5-pro", THINKING_1M),
            Map.entry("gemini-2.5-flash-lite", THINKING_1M),
            Map.entry("gemini-2.5-flash", THINKING_1M),
            Map.entry("gemini-2.5", THINKING_1M),
            Map.entry("gemini-2.0-flash-lite", FLASH_2_0),
            Map.entry("gemini-2.0-flash", FLASH_2_0),
            Map.entry("gemini-1.5-pro", ModelCapabilities.of(2_097_152, 8_192, VISION, TOOLS, JSON_SCHEMA)),
            Map.entry("gemini-1.5-flash", ModelCapabilities.of(1_048_576, 8_192, VISION, TOOLS, JSON_SCHEMA)),
            Map.entry("gemini-embedding", EMBEDDING),
            Map.entry("text-embedding", EMBEDDING),
            Map.entry("text-multilingual-embedding", EMBEDDING));

    private GeminiModels() {}

    static ModelCapabilities capabilities(String model) {
        String name = normalize(model);
        if (name.contains("-image")) {
            return name.startsWith("gemini-3") ? IMAGE_OUT_3 : IMAGE_OUT;
        }
        if (name.contains("-tts") || name.contains("-live") || name.contains("native-audio")) {
            return ModelCapabilities.UNKNOWN; // speech and live models are not chat completion models
        }
        for (Map.Entry<String, ModelCapabilities> known : KNOWN) {
            if (name.startsWith(known.getKey())) {
                return known.getValue();
            }
        }
        return ModelCapabilities.UNKNOWN;
    }

    static Thinking thinking(String model) {
        String name = normalize(model);
        if (name.startsWith("gemini-1.") || name.startsWith("gemini-2.0") || name.startsWith("gemini-pro")) {
            return Thinking.NONE;
        }
        return isGemini3(name) ? Thinking.LEVEL : Thinking.BUDGET;
    }

    /** Gemini 3 rejects a replayed function call without its thought signature. */
    static boolean requiresThoughtSignatures(String model) {
        return isGemini3(normalize(model));
    }

    static boolean isPro(String model) {
        return normalize(model).contains("-pro");
    }

    private static boolean isGemini3(String name) {
        return name.startsWith("gemini-3");
    }

    /** The model's own name: no {@code models/} or publisher path, lower case. */
    static String normalize(String model) {
        String name = model == null ? "" : model.strip().toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }
}
