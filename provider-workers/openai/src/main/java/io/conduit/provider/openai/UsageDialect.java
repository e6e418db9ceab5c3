package io.conduit.provider.openai;

/**
 * Where a provider of the OpenAI-compatible family reports token usage and under which names. The
 * gateway reads the provider's names and gives clients OpenAI's ({@code prompt_tokens_details.cached_tokens},
 * {@code completion_tokens_details.reasoning_tokens}), keeping the provider's own fields too.
 */
public enum UsageDialect {
    /** OpenAI's {@code CompletionUsage}, on the body or on a last stream chunk. */
    OPENAI(null, null, null),
    /** Groq: streams may carry usage only inside the vendor object {@code x_groq.usage}. */
    GROQ(null, null, "x_groq"),
    /** DeepSeek: cache reads as {@code prompt_cache_hit_tokens} (misses as {@code prompt_cache_miss_tokens}). */
    DEEPSEEK("prompt_cache_hit_tokens", null, null),
    /** Perplexity: reasoning tokens as a top-level {@code reasoning_tokens} of the usage object. */
    PERPLEXITY(null, "reasoning_tokens", null);

    private final String cachedTokensField;
    private final String reasoningTokensField;
    private final String streamUsageContainer;

    UsageDialect(String cachedTokensField, String reasoningTokensField, String streamUsageContainer) {
        this.cachedTokensField = cachedTokensField;
        this.reasoningTokensField = reasoningTokensField;
        this.streamUsageContainer = streamUsageContainer;
    }

    /** The usage field holding cached prompt tokens when OpenAI's is absent, or null. */
    public String cachedTokensField() {
        return cachedTokensField;
    }

    /** The usage field holding reasoning tokens when OpenAI's is absent, or null. */
    public String reasoningTokensField() {
        return reasoningTokensField;
    }

    /** A top-level chunk member whose {@code usage} holds the stream's usage when the chunk has none, or null. */
    public String streamUsageContainer() {
        return streamUsageContainer;
    }

    /** Whether usage objects are rewritten to carry OpenAI's detail fields. */
    public boolean normalizes() {
        return cachedTokensField != null || reasoningTokensField != null;
    }
}
