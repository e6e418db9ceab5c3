package io.conduit.provider.bedrock;

import static io.conduit.provider.spi.ModelFeature.JSON_SCHEMA;
import static io.conduit.provider.spi.ModelFeature.REASONING;
import static io.conduit.provider.spi.ModelFeature.TOOLS;
import static io.conduit.provider.spi.ModelFeature.VISION;

import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import java.util.List;
import java.util.Locale;

/**
 * Default capabilities of common Bedrock model ids, from the Converse "supported models and model
 * features" table and the model cards (context window, output limit). Ids may carry a
 * cross-region inference profile prefix ({@code us.}, {@code eu.}, {@code apac.}, {@code global.},
 * ...) or be ARNs; both are reduced to the base model id. First matching prefix wins, so the more
 * specific ones come first. Deployments can override all of this.
 */
final class BedrockModels {

    private record Entry(String prefix, ModelCapabilities capabilities) {}

    private static final List<Entry> TABLE = List.of(
            // Anthropic Claude (structured outputs: Haiku 4.5, Sonnet 4.5, Opus 4.5 and later)
            entry("anthropic.claude-opus-4-6", 200_000, 128_000, VISION, TOOLS, REASONING, JSON_SCHEMA),
            entry("anthropic.claude-opus-4-5", 200_000, 64_000, VISION, TOOLS, REASONING, JSON_SCHEMA),
            entry("anthropic.claude-sonnet-4-5", 200_000, 64_000, VISION, TOOLS, REASONING, JSON_SCHEMA),
            entry("anthropic.claude-haiku-4-5", 200_000, 64_000, VISION, TOOLS, REASONING, JSON_SCHEMA),
            entry("anthropic.claude-opus-4-1", 200_000, 32_000, VISION, TOOLS, REASONING),
            entry("anthropic.claude-opus-4", 200_000, 32_000, VISION, TOOLS, REASONING),
            entry("anthropic.claude-sonnet-4", 200_000, 64_000, VISION, TOOLS, REASONING),
            entry("anthropic.claude-3-7-sonnet", 200_000, 64_000, VISION, TOOLS, REASONING),
            entry("anthropic.claude-3-5-haiku", 200_000, 8_192, TOOLS),
            entry("anthropic.claude-3-5-sonnet", 200_000, 8_192, VISION, TOOLS),
            entry("anthropic.claude-3-opus", 200_000, 4_096, VISION, TOOLS),
            entry("anthropic.claude-3-sonnet", 200_000, 4_096, VISION, TOOLS),
            entry("anthropic.claude-3-haiku", 200_000, 4_096, VISION, TOOLS),
            entry("anthropic.claude", 100_000, 4_096),
            // Amazon Nova
            entry("amazon.nova-premier", 1_000_000, 32_000, VISION, TOOLS),
            entry("amazon.nova-2-lite", 1_000_000, 65_536, VISION, TOOLS, REASONING),
            entry("amazon.nova-pro", 300_000, 10_000, VISION, TOOLS),
            entry("amazon.nova-lite", 300_000, 10_000, VISION, TOOLS),
            entry("amazon.nova-micro", 128_000, 10_000, TOOLS),
            // Meta Llama
            entry("meta.llama4-maverick", 1_000_000, 8_192, VISION, TOOLS),
            entry("meta.llama4-scout", 3_500_000, 8_192, VISION, TOOLS),
            entry("meta.llama3-3-70b", 128_000, 8_192, TOOLS),
            entry("meta.llama3-2-90b", 128_000, 8_192, VISION, TOOLS),
            entry("meta.llama3-2-11b", 128_000, 8_192, VISION, TOOLS),
            entry("meta.llama3-2", 128_000, 8_192),
            entry("meta.llama3-1-405b", 128_000, 8_192, TOOLS),
            entry("meta.llama3-1-70b", 128_000, 8_192, TOOLS),
            entry("meta.llama3-1-8b", 128_000, 8_192, TOOLS),
            entry("meta.llama3", 8_192, 2_048),
            // Mistral
            entry("mistral.pixtral-large", 128_000, 8_192, VISION, TOOLS),
            entry("mistral.mistral-large-2407", 128_000, 8_192, TOOLS),
            entry("mistral.mistral-large", 32_000, 8_192, TOOLS),
            entry("mistral.mistral-small", 32_000, 8_192, TOOLS),
            entry("mistral.mixtral-8x7b", 32_000, 4_096),
            entry("mistral.mistral-7b", 32_000, 8_192));

    private static final List<String> REGION_PREFIXES = List.of("us.", "us-gov.", "eu.", "apac.", "global.", "jp.",
            "au.", "ca.");

    private BedrockModels() {}

    static ModelCapabilities capabilities(String modelId) {
        String base = baseModelId(modelId);
        for (Entry entry : TABLE) {
            if (base.startsWith(entry.prefix())) {
                return entry.capabilities();
            }
        }
        return ModelCapabilities.UNKNOWN;
    }

    static boolean isClaude(String modelId) {
        return baseModelId(modelId).startsWith("anthropic.claude");
    }

    /** {@code us.anthropic.claude-...} or {@code arn:aws:bedrock:...:inference-profile/us.anthropic...} → {@code anthropic.claude-...}. */
    static String baseModelId(String modelId) {
        String id = modelId == null ? "" : modelId.toLowerCase(Locale.ROOT);
        int slash = id.lastIndexOf('/');
        if (id.startsWith("arn:") && slash >= 0) {
            id = id.substring(slash + 1);
        }
        for (String prefix : REGION_PREFIXES) {
            if (id.startsWith(prefix)) {
                return id.substring(prefix.length());
            }
        }
        return id;
    }

    private static Entry entry(String prefix, int context, int output, ModelFeature... features) {
        return new Entry(prefix, ModelCapabilities.of(context, output, features));
    }
}
