package io.conduit.ledger.budget;

import io.conduit.contracts.budget.BudgetAlert;
import io.conduit.contracts.budget.BudgetState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Which alert thresholds (50, 80, 100 % of the budget) a scope's spend has reached in the current period. */
public final class BudgetThresholds {

    public static final List<Integer> PERCENTS = List.of(50, 80, 100);

    /**
     * A budget as the alerter reads it.
     *
     * @param id budget id
     * @param scope {@code key} or {@code key_group}
     * @param scopeId key or group id
     * @param amountMicros the limit
     * @param period {@code daily}, {@code weekly}, {@code monthly} or {@code total}
     */
    public record Budget(String id, String scope, String scopeId, long amountMicros, String period) {}

    private BudgetThresholds() {}

    /** The alerts due for this state, in the period of its latest spend; the caller sends each once. */
    public static List<BudgetAlert> reached(Budget budget, BudgetState state, Instant now) {
        Instant at = state.updatedAt() == null ? now : state.updatedAt();
        long spent = state.spentIn(budget.period(), at);
        LocalDate periodStart = BudgetState.periodStart(budget.period(), at, ZoneId.of(state.timeZone()));
        List<BudgetAlert> alerts = new ArrayList<>();
        for (int percent : PERCENTS) {
            // spent / amount >= percent / 100, in integers
            if (spent * 100 >= budget.amountMicros() * percent) {
                alerts.add(new BudgetAlert(budget.id() + ":" + periodStart + ":" + percent, budget.id(), budget.scope(),
                        budget.scopeId(), budget.period(), periodStart, percent, budget.amountMicros(), spent, now));
            }
        }
        return alerts;
    }
}
