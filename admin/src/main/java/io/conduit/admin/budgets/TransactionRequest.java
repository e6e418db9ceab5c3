package io.conduit.admin.budgets;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * Money added to (or, for an adjustment, taken from) a key group's prepaid balance.
 *
 * @param amountUsd the amount in USD, up to six decimals; positive for a top-up
 * @param amountMicros the amount in micro-USD (instead of {@code amount_usd})
 * @param note why, for the transaction history
 */
public record TransactionRequest(
        @JsonProperty("amount_usd") BigDecimal amountUsd,
        @JsonProperty("amount_micros") Long amountMicros,
        String note) {}
