package io.conduit.provider.anthropic.internal;

import io.conduit.provider.spi.TokenUsage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's {@code usage} object as far as accounting reads it. {@code input_tokens} excludes
 * the prompt-cache reads and writes, which Anthropic reports beside it; OpenAI's
 * {@code prompt_tokens} includes them. Thinking is billed inside {@code output_tokens};
 * {@code thinkingTokens} is the breakdown when the answer carries one
 * ({@code output_tokens_details.thinking_tokens}), else null.
 *
 * @param inputTokens uncached input tokens
 * @param cacheCreationTokens input tokens written to the prompt cache
 * @param cacheReadTokens input tokens read from the prompt cache
 * @param outputTokens output tokens, thinking included
 * @param thinkingTokens thinking tokens when reported, else null
 */
public record AnthropicUsage(long inputTokens, long cacheCreationTokens, long cacheReadTokens, long outputTokens,
        Long thinkingTokens) {

    public static final AnthropicUsage NONE = new AnthropicUsage(0, 0, 0, 0, null);

    /** Reads a usage object; absent fields count as zero. */
    public static AnthropicUsage read(JsonNode usage) {
        return NONE.updatedBy(usage);
    }

    /**
     * This usage with every field the later usage object carries replaced by its value. Stream
     * usage objects are cumulative ({@code message_delta} repeats running totals), so the latest
     * value of a field wins and nothing is added up.
     */
    public AnthropicUsage updatedBy(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return this;
        }
        JsonNode thinking = usage.path("output_tokens_details").path("thinking_tokens");
        return new AnthropicUsage(
                latest(usage.path("input_tokens"), inputTokens),
                latest(usage.path("cache_creation_input_tokens"), cacheCreationTokens),
                latest(usage.path("cache_read_input_tokens"), cacheReadTokens),
                latest(usage.path("output_tokens"), outputTokens),
                thinking.isNumber() ? Long.valueOf(Math.max(0, thinking.asLong())) : thinkingTokens);
    }

    public long promptTokens() {
        return inputTokens + cacheCreationTokens + cacheReadTokens;
    }

    /** The gateway's token usage, with reasoning tokens as {@link ReasoningTokens} decided them. */
    public TokenUsage toTokenUsage(long reasoningTokens) {
        return new TokenUsage(promptTokens(), outputTokens, cacheReadTokens, reasoningTokens, false);
    }

    /** OpenAI's {@code CompletionUsage} object for the client. */
    public ObjectNode toOpenAi(long reasoningTokens) {
        ObjectNode usage = Jsons.object();
        usage.put("prompt_tokens", promptTokens());
        usage.put("completion_tokens", outputTokens);
        usage.put("total_tokens", promptTokens() + outputTokens);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cacheReadTokens);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens);
        return usage;
    }

    private static long latest(JsonNode value, long previous) {
        return value.isNumber() ? Math.max(0, value.asLong()) : previous;
    }
}
