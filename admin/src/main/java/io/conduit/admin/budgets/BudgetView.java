package io.conduit.admin.budgets;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A budget as the admin API shows it; {@code amount_usd} is the exact decimal of {@code amount_micros}. */
public record BudgetView(
        String id,
        String scope,
        @JsonProperty("scope_id") String scopeId,
        @JsonProperty("amount_micros") long amountMicros,
        @JsonProperty("amount_usd") String amountUsd,
        String period,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {}
