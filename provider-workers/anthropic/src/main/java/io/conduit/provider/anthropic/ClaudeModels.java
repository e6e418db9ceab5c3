package io.conduit.provider.anthropic;

import static io.conduit.provider.spi.ModelFeature.JSON_SCHEMA;
import static io.conduit.provider.spi.ModelFeature.REASONING;
import static io.conduit.provider.spi.ModelFeature.TOOLS;
import static io.conduit.provider.spi.ModelFeature.VISION;

import io.conduit.provider.anthropic.ClaudeModel.Thinking;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The Claude models the adapter knows, matched by id prefix (so {@code claude-sonnet-4-5-20250929}
 * and the alias {@code claude-sonnet-4-5} are the same model). Context windows and output limits
 * follow Anthropic's models overview (https://docs.anthropic.com/en/docs/about-claude/models/overview)
 * and the project's reference table ({@code shared/reference/model-prices.json}); which thinking
 * and output shapes a model takes follows the extended/adaptive thinking, effort and structured
 * outputs guides. JSON schema output is a feature of every tool-capable model: models without
 * native structured output get it through a forced tool (see {@code docs/providers/anthropic.md}).
 */
final class ClaudeModels {

    private static final int K200 = 200_000;
    private static final int M1 = 1_000_000;

    private static final List<ClaudeModel> KNOWN = List.of(
            // Claude 3 generation: no native structured output, no thinking before 3.7
            legacy("claude-3-haiku", K200, 4_096, Thinking.NONE, VISION, TOOLS, JSON_SCHEMA),
            // Claude 3.5 Haiku was released without image input
            legacy("claude-3-5-haiku", K200, 8_192, Thinking.NONE, TOOLS, JSON_SCHEMA),
            legacy("claude-3-5-sonnet", K200, 8_192, Thinking.NONE, VISION, TOOLS, JSON_SCHEMA),
            legacy("claude-3-7-sonnet", K200, 64_000, Thinking.BUDGET, VISION, TOOLS, JSON_SCHEMA, REASONING),
            // Claude 4 and 4.1: budget thinking, no native structured output on the Claude API
            legacy("claude-opus-4", K200, 32_000, Thinking.BUDGET, VISION, TOOLS, JSON_SCHEMA, REASONING),
            legacy("claude-opus-4-1", K200, 32_000, Thinking.BUDGET, VISION, TOOLS, JSON_SCHEMA, REASONING),
            legacy("claude-sonnet-4", K200, 64_000, Thinking.BUDGET, VISION, TOOLS, JSON_SCHEMA, REASONING),
            // Claude 4.5: budget thinking, native structured output
            budget("claude-sonnet-4-5", K200, 64_000),
            budget("claude-haiku-4-5", K200, 64_000),
            budget("claude-opus-4-5", K200, 64_000),
            // Claude 4.6: adaptive thinking (budget thinking deprecated), effort up to max
            adaptive("claude-opus-4-6", M1, 128_000, true, false, true),
            adaptive("claude-sonnet-4-6", M1, 64_000, true, false, true),
            // Claude Opus 4.7 and later: adaptive thinking only, no sampling parameters, effort xhigh
            adaptive("claude-opus-4-7", M1, 128_000, false, true, true),
            adaptive("claude-opus-4-8", M1, 128_000, false, true, true),
            adaptive("claude-opus-5", M1, 128_000, false, true, true),
            adaptive("claude-sonnet-5", M1, 128_000, false, true, true),
            adaptive("claude-fable-5", M1, 128_000, false, true, true),
            adaptive("claude-mythos-5", M1, 128_000, false, true, true));

    /** Longest prefix first, so {@code claude-opus-4-1} wins over {@code claude-opus-4}. */
    private static final List<ClaudeModel> BY_PREFIX = KNOWN.stream()
            .sorted(Comparator.comparingInt((ClaudeModel m) -> m.prefix().length()).reversed())
            .toList();

    private ClaudeModels() {}

    /** The model for a provider model id, or {@link ClaudeModel#unknown()}. */
    static ClaudeModel find(String providerModel) {
        if (providerModel == null) {
            return ClaudeModel.unknown();
        }
        String id = providerModel.toLowerCase(Locale.ROOT);
        for (ClaudeModel model : BY_PREFIX) {
            if (id.startsWith(model.prefix()) && endsAtBoundary(id, model.prefix().length())) {
                return model;
            }
        }
        return ClaudeModel.unknown();
    }

    /** The prefix must end where a version part ends: {@code claude-opus-4} does not match {@code claude-opus-45}. */
    private static boolean endsAtBoundary(String id, int at) {
        return at == id.length() || !Character.isDigit(id.charAt(at));
    }

    private static ClaudeModel legacy(String prefix, int context, int maxOutput, Thinking thinking,
            ModelFeature... features) {
        return new ClaudeModel(prefix, ModelCapabilities.of(context, maxOutput, features), thinking, false, true,
                false, false);
    }

    private static ClaudeModel budget(String prefix, int context, int maxOutput) {
        return new ClaudeModel(prefix, ModelCapabilities.of(context, maxOutput, VISION, TOOLS, JSON_SCHEMA, REASONING),
                Thinking.BUDGET, true, true, false, false);
    }

    private static ClaudeModel adaptive(String prefix, int context, int maxOutput, boolean sampling, boolean xhigh,
            boolean max) {
        return new ClaudeModel(prefix, ModelCapabilities.of(context, maxOutput, VISION, TOOLS, JSON_SCHEMA, REASONING),
                Thinking.ADAPTIVE, true, sampling, xhigh, max);
    }
}
