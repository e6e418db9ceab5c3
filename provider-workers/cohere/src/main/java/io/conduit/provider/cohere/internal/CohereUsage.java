package io.conduit.provider.cohere.internal;

import io.conduit.provider.spi.TokenUsage;
import tools.jackson.databind.JsonNode;

/**
 * Reads Cohere's {@code usage} object ({@code billed_units}, {@code tokens}, {@code cached_tokens}).
 * The gateway charges what Cohere bills: {@code billed_units}. {@code tokens} also counts tokens
 * Cohere adds itself (its own prompt template, special tokens), which Cohere does not charge; it
 * is used only when a body carries no {@code billed_units}.
 */
public final class CohereUsage {

    private CohereUsage() {}

    /** The usage of a chat answer (its {@code usage} object), {@link TokenUsage#NONE} when absent. */
    public static TokenUsage fromUsage(JsonNode usage) {
        if (!usage.isObject()) {
            return TokenUsage.NONE;
        }
        JsonNode billed = usage.path("billed_units");
        JsonNode tokens = usage.path("tokens");
        long prompt = firstNumber(billed.path("input_tokens"), tokens.path("input_tokens"));
        long completion = firstNumber(billed.path("output_tokens"), tokens.path("output_tokens"));
        long cached = usage.path("cached_tokens").isNumber() ? usage.path("cached_tokens").asLong() : 0;
        return new TokenUsage(prompt, completion, Math.min(cached, prompt), 0, false);
    }

    /** The usage of an embed answer ({@code meta.billed_units.input_tokens}). */
    public static TokenUsage fromEmbedMeta(JsonNode meta) {
        long input = firstNumber(meta.path("billed_units").path("input_tokens"), meta.path("tokens").path("input_tokens"));
        return input == 0 ? TokenUsage.NONE : new TokenUsage(input, 0, 0, 0, false);
    }

    private static long firstNumber(JsonNode preferred, JsonNode fallback) {
        if (preferred.isNumber()) {
            return preferred.asLong();
        }
        return fallback.isNumber() ? fallback.asLong() : 0;
    }
}
