package io.conduit.ledger.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * Prices of one model. Token prices are USD per million tokens, so a token count times a price is
 * micro-USD exactly; null means the model is not priced that way.
 *
 * @param cachedInputPerMtok price of input read from the prompt cache (input price when null)
 * @param inputAbove200kPerMtok tier for prompts over 200k tokens (the whole call moves to the tier)
 */
public record ModelPrice(
        String provider,
        String mode,
        @JsonProperty("input_per_mtok") BigDecimal inputPerMtok,
        @JsonProperty("output_per_mtok") BigDecimal outputPerMtok,
        @JsonProperty("cached_input_per_mtok") BigDecimal cachedInputPerMtok,
        @JsonProperty("cache_write_per_mtok") BigDecimal cacheWritePerMtok,
        @JsonProperty("input_above_200k_per_mtok") BigDecimal inputAbove200kPerMtok,
        @JsonProperty("output_above_200k_per_mtok") BigDecimal outputAbove200kPerMtok,
        @JsonProperty("cached_input_above_200k_per_mtok") BigDecimal cachedInputAbove200kPerMtok,
        @JsonProperty("reasoning_per_mtok") BigDecimal reasoningPerMtok,
        @JsonProperty("per_image") BigDecimal perImage,
        @JsonProperty("per_second") BigDecimal perSecond,
        @JsonProperty("per_character") BigDecimal perCharacter,
        @JsonProperty("max_input_tokens") Integer maxInputTokens,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens) {

    /** Whether token-based calls (chat, embeddings) can be priced with it. */
    public boolean pricesTokens() {
        return inputPerMtok != null && outputPerMtok != null;
    }
}
