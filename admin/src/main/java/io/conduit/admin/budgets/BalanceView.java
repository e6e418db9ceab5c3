package io.conduit.admin.budgets;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A key group's prepaid balance: what was credited (top-ups and adjustments) minus what the
 * group has spent, as the ledger has posted it so far.
 */
public record BalanceView(
        @JsonProperty("key_group_id") String keyGroupId,
        @JsonProperty("credited_micros") long creditedMicros,
        @JsonProperty("spent_micros") long spentMicros,
        @JsonProperty("balance_micros") long balanceMicros,
        @JsonProperty("balance_usd") String balanceUsd) {}
