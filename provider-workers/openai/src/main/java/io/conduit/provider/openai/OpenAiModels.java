package io.conduit.provider.openai;

import static io.conduit.provider.spi.ModelFeature.JSON_SCHEMA;
import static io.conduit.provider.spi.ModelFeature.REASONING;
import static io.conduit.provider.spi.ModelFeature.TOOLS;
import static io.conduit.provider.spi.ModelFeature.VISION;

import io.conduit.provider.spi.ModelCapabilities;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What well-known OpenAI models can do, from OpenAI's model pages (context window, max output
 * tokens, features). A model name matches the longest known prefix, so dated snapshots such as
 * {@code gpt-4o-2024-08-06} get their family's entry; Azure deployments named after their model
 * match too. Unknown models get {@link ModelCapabilities#UNKNOWN}.
 */
final class OpenAiModels {

    private static final Map<String, ModelCapabilities> KNOWN = Map.ofEntries(
            Map.entry("gpt-5", ModelCapabilities.of(400_000, 128_000, VISION, TOOLS, JSON_SCHEMA, REASONING)),
            // the chat snapshot of GPT-5 is not a reasoning model and has the smaller limits
            Map.entry("gpt-5-chat", ModelCapabilities.of(128_000, 16_384, VISION)),
            Map.entry("gpt-4.1", ModelCapabilities.of(1_047_576, 32_768, VISION, TOOLS, JSON_SCHEMA)),
            Map.entry("gpt-4o", ModelCapabilities.of(128_000, 16_384, VISION, TOOLS, JSON_SCHEMA)),
            Map.entry("gpt-4o-mini", ModelCapabilities.of(128_000, 16_384, VISION, TOOLS, JSON_SCHEMA)),
            Map.entry("gpt-4-turbo", ModelCapabilities.of(128_000, 4_096, VISION, TOOLS)),
            Map.entry("gpt-3.5-turbo", ModelCapabilities.of(16_385, 4_096, TOOLS)),
            Map.entry("o1", ModelCapabilities.of(200_000, 100_000, VISION, TOOLS, JSON_SCHEMA, REASONING)),
            Map.entry("o1-mini", ModelCapabilities.of(128_000, 65_536, REASONING)),
            Map.entry("o3", ModelCapabilities.of(200_000, 100_000, VISION, TOOLS, JSON_SCHEMA, REASONING)),
            Map.entry("o3-mini", ModelCapabilities.of(200_000, 100_000, TOOLS, JSON_SCHEMA, REASONING)),
            Map.entry("o4-mini", ModelCapabilities.of(200_000, 100_000, VISION, TOOLS, JSON_SCHEMA, REASONING)));

    /** Longest prefix first, so {@code gpt-4o-mini} wins over {@code gpt-4o}. */
    private static final List<String> PREFIXES = KNOWN.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();

    private OpenAiModels() {}

    static ModelCapabilities of(String model) {
        if (model == null) {
            return ModelCapabilities.UNKNOWN;
        }
        String name = model.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (name.equals(prefix) || name.startsWith(prefix + "-") || name.startsWith(prefix + ".")) {
                return KNOWN.get(prefix);
            }
        }
        return ModelCapabilities.UNKNOWN;
    }
}
