package io.conduit.provider.bedrock;

import io.conduit.provider.spi.TokenUsage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converse {@code usage} ({@code inputTokens}, {@code outputTokens}, {@code totalTokens},
 * {@code cacheReadInputTokens}, {@code cacheWriteInputTokens}) read as {@link TokenUsage} and
 * written as OpenAI usage.
 *
 * <p>Bedrock counts cache reads and writes apart from {@code inputTokens} (its {@code totalTokens}
 * adds all four), while OpenAI's {@code prompt_tokens} includes cached tokens: so prompt tokens are
 * input + cache read + cache write, and cached tokens are the cache reads. Bedrock does not report
 * reasoning tokens apart: they are inside {@code outputTokens}, and reasoning tokens stay 0.
 */
final class ConverseUsage {

    private ConverseUsage() {}

    static TokenUsage read(JsonNode usage) {
        if (!usage.isObject()) {
            return TokenUsage.NONE;
        }
        long cacheRead = usage.path("cacheReadInputTokens").asLong(0);
        long cacheWrite = usage.path("cacheWriteInputTokens").asLong(0);
        long prompt = usage.path("inputTokens").asLong(0) + cacheRead + cacheWrite;
        return new TokenUsage(prompt, usage.path("outputTokens").asLong(0), cacheRead, 0, false);
    }

    /** OpenAI's {@code CompletionUsage}, the same in plain answers and in the stream's usage chunk. */
    static ObjectNode openAi(TokenUsage usage) {
        ObjectNode out = BedrockJson.object();
        out.put("prompt_tokens", usage.promptTokens());
        out.put("completion_tokens", usage.completionTokens());
        out.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        out.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        out.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return out;
    }
}
