package io.conduit.admin.budgets;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * A spending limit on a key or a key group for a period. Give the amount in USD (up to six
 * decimals) or in micro-USD. Periods are calendar-aligned in the gateway's budget time zone and
 * reset by themselves at each period's start; {@code total} never resets.
 *
 * @param scope {@code key} or {@code key_group}
 * @param scopeId id of the key, or id or name of the group
 * @param amountUsd the limit in USD
 * @param amountMicros the limit in micro-USD (instead of {@code amount_usd})
 * @param period {@code daily}, {@code weekly}, {@code monthly} or {@code total}
 */
public record BudgetRequest(
        String scope,
        @JsonProperty("scope_id") String scopeId,
        @JsonProperty("amount_usd") BigDecimal amountUsd,
        @JsonProperty("amount_micros") Long amountMicros,
        String period) {}
