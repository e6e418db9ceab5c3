package io.conduit.provider.spi;

/**
 * Tokens of one call.
 *
 * @param promptTokens input tokens, cached ones included
 * @param completionTokens output tokens, reasoning ones included
 * @param cachedTokens input tokens read from the provider's prompt cache
 * @param reasoningTokens output tokens spent on reasoning
 * @param estimated true when counted by the gateway rather than reported by the provider
 */
public record TokenUsage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens,
        boolean estimated) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0, false);
}
