package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.contracts.json.PlainDecimal;
import java.math.BigDecimal;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The long-context tier of a model: a prompt of more than {@code aboveTokens} tokens moves the
 * whole call to these token prices (USD per million tokens); a null price keeps the base one.
 *
 * @param aboveTokens prompt size the tier starts after, e.g. 200000
 */
public record LongContextRates(
        @JsonProperty("above_tokens") long aboveTokens,
        @JsonProperty("input_per_mtok") @JsonSerialize(using = PlainDecimal.class) BigDecimal inputPerMtok,
        @JsonProperty("output_per_mtok") @JsonSerialize(using = PlainDecimal.class) BigDecimal outputPerMtok,
        @JsonProperty("cache_read_per_mtok") @JsonSerialize(using = PlainDecimal.class) BigDecimal cacheReadPerMtok,
        @JsonProperty("cache_write_per_mtok") @JsonSerialize(using = PlainDecimal.class) BigDecimal cacheWritePerMtok) {

    public LongContextRates {
        if (aboveTokens <= 0) {
            throw new IllegalArgumentException("'long_context.above_tokens' must be positive");
        }
        inputPerMtok = Prices.check(inputPerMtok, "long_context.input_per_mtok");
        outputPerMtok = Prices.check(outputPerMtok, "long_context.output_per_mtok");
        cacheReadPerMtok = Prices.check(cacheReadPerMtok, "long_context.cache_read_per_mtok");
        cacheWritePerMtok = Prices.check(cacheWritePerMtok, "long_context.cache_write_per_mtok");
    }

    /** The token prices of a call in this tier: the tier's where it has them, else the base ones. */
    public TokenRates over(TokenRates base) {
        TokenRates b = base == null ? new TokenRates(null, null, null, null) : base;
        return new TokenRates(
                inputPerMtok != null ? inputPerMtok : b.inputPerMtok(),
                outputPerMtok != null ? outputPerMtok : b.outputPerMtok(),
                cacheReadPerMtok != null ? cacheReadPerMtok : b.cacheReadPerMtok(),
                cacheWritePerMtok != null ? cacheWritePerMtok : b.cacheWritePerMtok());
    }
}
