package io.conduit.admin.budgets;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One entry of a key group's balance history. */
public record TransactionView(
        String id,
        @JsonProperty("key_group_id") String keyGroupId,
        String kind,
        @JsonProperty("amount_micros") long amountMicros,
        @JsonProperty("amount_usd") String amountUsd,
        String note,
        @JsonProperty("created_at") Instant createdAt) {}
