package io.conduit.ingress.budget;

import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.money.Micros;
import io.conduit.ingress.http.GatewayException;
import io.conduit.ingress.usage.UsageSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Enforces budgets and prepaid balances before a call: holds the call's worst-case cost under
 * every limit the key falls under (its budget, its group's budget, its group's balance), or
 * refuses it — 429 {@code budget_exceeded} over a budget, 402 {@code insufficient_balance} when
 * the balance cannot cover it. A key without limits passes straight through.
 */
public final class BudgetGuard {

    /** The key's scopes, and what the request may cost at most (computed only when a limit applies). */
    public record Ask(String keyId, String keyGroupId, java.util.function.LongSupplier worstCaseMicros) {}

    /** Budgets and credited balances by scope, from the configuration. */
    public interface Limits {
        Budget budget(String scopeKey);

        /** Credited micros of a group with a prepaid balance, or null when it has none. */
        Long credited(String groupId);
    }

    private static final Duration TOTAL_KEEP = Duration.ofDays(400);

    private final ReservationStore store;
    private final BudgetStateView states;
    private final CallPricer pricer;
    private final ZoneId zone;
    private final Duration hold;
    private final Clock clock;

    public BudgetGuard(ReservationStore store, BudgetStateView states, CallPricer pricer, ZoneId zone, Duration hold,
            Clock clock) {
        this.store = store;
        this.states = states;
        this.pricer = pricer;
        this.zone = zone;
        this.hold = hold;
        this.clock = clock;
    }

    public CallPricer pricer() {
        return pricer;
    }

    /** The admission (a usage sink to pass the request's usage through), or empty when no limit applies. */
    public Mono<UsageSink> admit(Ask ask, Limits config, UsageSink usage) {
        Instant now = clock.instant();
        List<Limit> limits = limits(ask, config, now);
        if (limits.isEmpty()) {
            return Mono.just(usage);
        }
        String reservation = UUID.randomUUID().toString();
        long micros = Math.max(1, ask.worstCaseMicros().getAsLong());
        return store.reserve(reservation, limits, micros, hold).map(refused -> {
            if (refused >= 0) {
                throw refusal(limits.get(refused), micros);
            }
            return new Admission(reservation, limits, store, pricer, usage);
        });
    }

    private List<Limit> limits(Ask ask, Limits config, Instant now) {
        List<Limit> limits = new ArrayList<>(3);
        addBudget(limits, config.budget(BudgetState.key(BudgetState.KEY, ask.keyId())), now);
        if (ask.keyGroupId() != null) {
            addBudget(limits, config.budget(BudgetState.key(BudgetState.KEY_GROUP, ask.keyGroupId())), now);
            Long credited = config.credited(ask.keyGroupId());
            if (credited != null) {
                long spent = states.state(BudgetState.key(BudgetState.KEY_GROUP, ask.keyGroupId()))
                        .map(BudgetState::totalMicros).orElse(0L);
                limits.add(new Limit("balance:" + ask.keyGroupId(), credited, spent, true, TOTAL_KEEP));
            }
        }
        return limits;
    }

    private void addBudget(List<Limit> limits, Budget budget, Instant now) {
        if (budget == null) {
            return;
        }
        String scopeKey = BudgetState.key(budget.scope(), budget.scopeId());
        long spent = states.state(scopeKey).map(s -> s.spentIn(budget.period(), now)).orElse(0L);
        String id = scopeKey + ":" + budget.period() + ":" + BudgetState.periodStart(budget.period(), now, zone);
        limits.add(new Limit(id, budget.amountMicros(), spent, false, keep(budget.period())));
    }

    private static Duration keep(String period) {
        return switch (period) {
            case "daily" -> Duration.ofDays(2);
            case "weekly" -> Duration.ofDays(8);
            case "monthly" -> Duration.ofDays(32);
            default -> TOTAL_KEEP;
        };
    }

    private static GatewayException refusal(Limit limit, long micros) {
        if (limit.balance()) {
            return new GatewayException(402, "insufficient_quota", "insufficient_balance", null,
                    "The key group's prepaid balance cannot cover this request (worst case $" + Micros.usdString(micros)
                            + "); top up the balance to continue.", Map.of());
        }
        return new GatewayException(429, "insufficient_quota", "budget_exceeded", null,
                "This request (worst case $" + Micros.usdString(micros) + ") would exceed the "
                        + (limit.id().startsWith(BudgetState.KEY_GROUP) ? "key group's" : "key's") + " budget of $"
                        + Micros.usdString(limit.capMicros()) + " for the current period.", Map.of());
    }
}
