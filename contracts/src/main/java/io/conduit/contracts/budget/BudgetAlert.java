package io.conduit.contracts.budget;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A budget reached a threshold in a period, on {@code conduit.budget-alerts.v1}. Sent at least
 * once; {@link #id()} is the same for every copy, so receivers deduplicate on it.
 *
 * @param id {@code <budget id>:<period start>:<threshold>}
 * @param budgetId the budget
 * @param scope {@code key} or {@code key_group}
 * @param scopeId id of the key or group
 * @param period {@code daily}, {@code weekly}, {@code monthly} or {@code total}
 * @param periodStart first day of the period
 * @param thresholdPercent 50, 80 or 100
 * @param amountMicros the budget
 * @param spentMicros spent in the period when the alert was raised
 * @param raisedAt when
 */
public record BudgetAlert(
        String id,
        @JsonProperty("budget_id") String budgetId,
        String scope,
        @JsonProperty("scope_id") String scopeId,
        String period,
        @JsonProperty("period_start") LocalDate periodStart,
        @JsonProperty("threshold_percent") int thresholdPercent,
        @JsonProperty("amount_micros") long amountMicros,
        @JsonProperty("spent_micros") long spentMicros,
        @JsonProperty("raised_at") Instant raisedAt) {}
