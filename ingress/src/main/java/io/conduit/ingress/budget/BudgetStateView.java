package io.conduit.ingress.budget;

import io.conduit.contracts.budget.BudgetState;
import java.util.Optional;

/** The latest budget state the ledger published for a scope key ({@code key:<id>}, {@code key_group:<id>}). */
@FunctionalInterface
public interface BudgetStateView {

    Optional<BudgetState> state(String scopeKey);
}
