package io.conduit.provider.openai.internal;

import io.conduit.provider.spi.TokenUsage;

/** OpenAI's {@code CompletionUsage} / embeddings usage object, as far as accounting reads it. */
public record UsageDto(Long promptTokens, Long completionTokens, PromptDetails promptTokensDetails,
        CompletionDetails completionTokensDetails) {

    public record PromptDetails(Long cachedTokens) {}

    public record CompletionDetails(Long reasoningTokens) {}

    /** A body that may carry a usage object at its top level. */
    public record WithUsage(UsageDto usage) {}

    public TokenUsage toTokenUsage() {
        return new TokenUsage(
                orZero(promptTokens),
                orZero(completionTokens),
                promptTokensDetails == null ? 0 : orZero(promptTokensDetails.cachedTokens()),
                completionTokensDetails == null ? 0 : orZero(completionTokensDetails.reasoningTokens()),
                false);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
