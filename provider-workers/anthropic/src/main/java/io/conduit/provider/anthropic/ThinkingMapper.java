package io.conduit.provider.anthropic;

import io.conduit.provider.anthropic.ClaudeModel.Thinking;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code reasoning_effort} as Anthropic extended thinking. Models with adaptive thinking
 * (Claude Opus 4.6 and later, and models the catalog does not know) get
 * {@code thinking: {type: adaptive}} and {@code output_config.effort}: {@code minimal} and
 * {@code low} → {@code low}, {@code medium} → {@code medium}, {@code high} → {@code high},
 * {@code xhigh} and {@code max} → themselves where the model takes them, else {@code high}.
 * Older thinking models get {@code thinking: {type: enabled, budget_tokens}} with a budget of
 * 1,024 ({@code minimal}), 2,048 ({@code low}), 8,192 ({@code medium}), 16,384 ({@code high}) or
 * 32,768 ({@code xhigh}, {@code max}) tokens; Anthropic wants the budget below {@code max_tokens},
 * so when the answer's limit is not above it the budget is added to the limit (capped at the
 * model's output limit). {@code none}, models without thinking, forced tool use and a turn that
 * returns tool results (whose signed thinking blocks OpenAI's format cannot carry back) get no
 * thinking.
 */
final class ThinkingMapper {

    /** Anthropic's smallest thinking budget. */
    static final long MIN_BUDGET = 1_024;

    /** What thinking did to the request: whether it is on, and the {@code max_tokens} to send. */
    record Outcome(boolean enabled, long maxTokens) {}

    private ThinkingMapper() {}

    static Outcome apply(String effort, ClaudeModel model, long maxTokens, boolean forcedToolUse,
            boolean continuesToolUse, ObjectNode out) {
        if (effort == null || effort.equals("none") || model.thinking() == Thinking.NONE || forcedToolUse
                || continuesToolUse) {
            return new Outcome(false, maxTokens);
        }
        if (model.thinking() == Thinking.ADAPTIVE) {
            out.putObject("thinking").put("type", "adaptive");
            ToolsMapper.outputConfig(out).put("effort", adaptiveEffort(effort, model));
            return new Outcome(true, maxTokens);
        }
        long budget = budget(effort);
        long limit = maxTokens;
        if (limit <= budget) {
            limit += budget;
            int modelLimit = model.capabilities().maxOutputTokens();
            if (modelLimit > 0) {
                limit = Math.min(limit, modelLimit);
            }
            budget = Math.min(budget, limit - 1);
        }
        if (budget < MIN_BUDGET) {
            return new Outcome(false, maxTokens);
        }
        ObjectNode thinking = out.putObject("thinking");
        thinking.put("type", "enabled");
        thinking.put("budget_tokens", budget);
        return new Outcome(true, limit);
    }

    static long budget(String effort) {
        return switch (effort) {
            case "minimal" -> MIN_BUDGET;
            case "low" -> 2_048;
            case "high" -> 16_384;
            case "xhigh", "max" -> 32_768;
            default -> 8_192; // medium, OpenAI's default
        };
    }

    static String adaptiveEffort(String effort, ClaudeModel model) {
        return switch (effort) {
            case "minimal", "low" -> "low";
            case "high" -> "high";
            case "xhigh" -> model.xhighEffort() ? "xhigh" : "high";
            case "max" -> model.maxEffort() ? "max" : "high";
            default -> "medium";
        };
    }
}
