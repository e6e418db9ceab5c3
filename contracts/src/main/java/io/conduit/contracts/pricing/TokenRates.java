package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.contracts.json.PlainDecimal;
import java.math.BigDecimal;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Token prices in USD per million tokens, so tokens × price is micro-USD exactly. A null price
 * means the model is not priced that way.
 *
 * @param inputPerMtok uncached input (prompt) tokens
 * @param outputPerMtok output tokens, reasoning included
 * @param cacheReadPerMtok input tokens read from the provider's prompt cache (the input price when null)
 * @param cacheWritePerMtok input tokens written to the prompt cache (kept for providers that bill it;
 *     usage events do not report cache writes yet)
 */
public record TokenRates(
        @JsonProperty("input_per_mtok") @JsonSerialize(using = PlainDecimal.class) BigDecimal inputPerMtok,
        @JsonProperty("output_per_mtok") @JsonSerialize(using = PlainDecimal.class) BigDecimal outputPerMtok,
        @JsonProperty("cache_read_per_mtok") @JsonSerialize(using = PlainDecimal.class) BigDecimal cacheReadPerMtok,
        @JsonProperty("cache_write_per_mtok") @JsonSerialize(using = PlainDecimal.class) BigDecimal cacheWritePerMtok) {

    public TokenRates {
        inputPerMtok = Prices.check(inputPerMtok, "input_per_mtok");
        outputPerMtok = Prices.check(outputPerMtok, "output_per_mtok");
        cacheReadPerMtok = Prices.check(cacheReadPerMtok, "cache_read_per_mtok");
        cacheWritePerMtok = Prices.check(cacheWritePerMtok, "cache_write_per_mtok");
    }

    /** Input and output prices only. */
    public static TokenRates of(String inputPerMtok, String outputPerMtok) {
        return new TokenRates(new BigDecimal(inputPerMtok), new BigDecimal(outputPerMtok), null, null);
    }

    boolean isEmpty() {
        return inputPerMtok == null && outputPerMtok == null && cacheReadPerMtok == null && cacheWritePerMtok == null;
    }
}
