package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Everything a call can be priced by: tokens, a long-context tier, media units.
 *
 * @param tokens base token prices, null when the model is not priced by tokens
 * @param longContext the tier for long prompts, null when none
 * @param media media unit prices (never null; empty when none)
 */
public record PriceRates(TokenRates tokens, @JsonProperty("long_context") LongContextRates longContext, MediaRates media) {

    public PriceRates {
        if (tokens != null && tokens.isEmpty()) {
            tokens = null;
        }
        media = media == null ? MediaRates.NONE : media;
        if (tokens == null && longContext == null && media.isEmpty()) {
            throw new IllegalArgumentException("a price needs at least one rate (tokens or media)");
        }
    }

    /** The token prices of a call with this many prompt tokens (the long-context tier above its threshold). */
    public TokenRates tokensFor(long promptTokens) {
        return longContext != null && promptTokens > longContext.aboveTokens() ? longContext.over(tokens) : tokens;
    }
}
