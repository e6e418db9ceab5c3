package io.conduit.provider.minimax.internal;

import io.conduit.provider.spi.TokenUsage;
import tools.jackson.databind.JsonNode;

/**
 * Reads MiniMax's {@code usage} object: OpenAI's fields ({@code prompt_tokens},
 * {@code completion_tokens}, {@code prompt_tokens_details.cached_tokens},
 * {@code completion_tokens_details.reasoning_tokens}) next to MiniMax's own
 * ({@code total_characters}). {@code completion_tokens} already includes the reasoning tokens
 * (MiniMax's documented example: 223 completion tokens of which 214 reasoning).
 */
public final class MiniMaxUsage {

    private MiniMaxUsage() {}

    /** The usage, or null when the object is absent or all zero (MiniMax's chunks carry {@code {"total_tokens":0}}). */
    public static TokenUsage read(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completion = usage.path("completion_tokens").asLong(0);
        if (prompt == 0 && completion == 0) {
            return null;
        }
        long cached = first(usage.path("prompt_tokens_details").path("cached_tokens"), usage.path("cached_tokens"));
        long reasoning = first(usage.path("completion_tokens_details").path("reasoning_tokens"), usage.path("reasoning_tokens"));
        return new TokenUsage(prompt, completion, Math.min(cached, prompt), Math.min(reasoning, completion), false);
    }

    private static long first(JsonNode preferred, JsonNode fallback) {
        return preferred.isNumber() ? preferred.asLong() : fallback.isNumber() ? fallback.asLong() : 0;
    }
}
