package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The price of a model from one instant on. Entries are never edited into the past: a price change
 * is a new entry effective now or later, so usage is always priced with the entry effective when
 * the call finished, also when it is priced again years later.
 *
 * @param model the provider model name as sent to the provider (e.g. {@code gpt-4o-mini})
 * @param provider name of the configured provider this price is for, or {@code *} for any provider
 * @param effectiveFrom first instant the entry applies (inclusive)
 * @param effectiveUntil instant it stops applying (exclusive), null while open
 * @param mode what the model does ({@code chat}, {@code embedding}, {@code image_generation}, …), informational
 * @param tokens token prices, null when not priced by tokens
 * @param longContext long-prompt tier, null when none
 * @param media media unit prices
 * @param maxInputTokens the model's context limit, null when unknown (worst-case estimates)
 * @param maxOutputTokens the model's output limit, null when unknown (worst-case estimates)
 * @param source where the price comes from (reference table, operator edit, import)
 */
public record PriceEntry(
        String model,
        String provider,
        @JsonProperty("effective_from") Instant effectiveFrom,
        @JsonProperty("effective_until") Instant effectiveUntil,
        String mode,
        TokenRates tokens,
        @JsonProperty("long_context") LongContextRates longContext,
        MediaRates media,
        @JsonProperty("max_input_tokens") Integer maxInputTokens,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens,
        String source) implements Effective {

    /** The provider of entries that apply to every provider. */
    public static final String ANY_PROVIDER = "*";

    public PriceEntry {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("'model' is required");
        }
        model = model.strip();
        provider = provider == null || provider.isBlank() ? ANY_PROVIDER : provider.strip();
        if (effectiveFrom == null) {
            throw new IllegalArgumentException("'effective_from' is required");
        }
        if (effectiveUntil != null && !effectiveUntil.isAfter(effectiveFrom)) {
            throw new IllegalArgumentException("'effective_until' must be after 'effective_from'");
        }
        if (tokens != null && tokens.isEmpty()) {
            tokens = null;
        }
        media = media == null ? MediaRates.NONE : media;
        if (maxInputTokens != null && maxInputTokens <= 0 || maxOutputTokens != null && maxOutputTokens <= 0) {
            throw new IllegalArgumentException("'max_input_tokens' and 'max_output_tokens' must be positive");
        }
        new PriceRates(tokens, longContext, media); // at least one rate
    }

    public PriceRates rates() {
        return new PriceRates(tokens, longContext, media);
    }

    /** The same prices, effective over another period. */
    public PriceEntry during(Instant from, Instant until) {
        return new PriceEntry(model, provider, from, until, mode, tokens, longContext, media, maxInputTokens,
                maxOutputTokens, source);
    }

    /** The same prices and period, from another source. */
    public PriceEntry withSource(String newSource) {
        return new PriceEntry(model, provider, effectiveFrom, effectiveUntil, mode, tokens, longContext, media,
                maxInputTokens, maxOutputTokens, newSource);
    }
}
