package io.conduit.provider.gemini;

import io.conduit.provider.spi.TokenUsage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini's {@code usageMetadata} in OpenAI terms: prompt tokens are {@code promptTokenCount} (which
 * counts cached content) plus {@code toolUsePromptTokenCount}; completion tokens are
 * {@code candidatesTokenCount} plus {@code thoughtsTokenCount}, the latter also the reasoning tokens;
 * cached tokens are {@code cachedContentTokenCount}.
 */
final class GeminiUsage {

    private GeminiUsage() {}

    static TokenUsage tokens(JsonNode usageMetadata) {
        if (!usageMetadata.isObject()) {
            return TokenUsage.NONE;
        }
        long thoughts = count(usageMetadata, "thoughtsTokenCount");
        return new TokenUsage(
                count(usageMetadata, "promptTokenCount") + count(usageMetadata, "toolUsePromptTokenCount"),
                count(usageMetadata, "candidatesTokenCount") + thoughts,
                count(usageMetadata, "cachedContentTokenCount"),
                thoughts,
                false);
    }

    /** The OpenAI {@code usage} object, details included, so plain and streamed answers report alike. */
    static ObjectNode openAi(TokenUsage usage) {
        ObjectNode node = GeminiJson.MAPPER.createObjectNode();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return node;
    }

    private static long count(JsonNode usage, String field) {
        JsonNode value = usage.path(field);
        return value.isNumber() ? value.asLong() : 0;
    }
}
