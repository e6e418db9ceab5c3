package io.conduit.ledger.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.budget.BudgetAlert;
import io.conduit.contracts.budget.BudgetState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BudgetThresholdsTest {

    static final BudgetThresholds.Budget DAILY_DOLLAR = new BudgetThresholds.Budget(
            "5d7a1c36-3c4e-4c65-9d0f-0c6f6c1b2a11", "key", "k", 1_000_000, "daily");
    static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");

    static BudgetState spent(long micros, Instant at) {
        return BudgetState.empty("key", "k", ZoneOffset.UTC).plus(micros, at);
    }

    @Test
    void no_alert_below_half() {
        assertThat(BudgetThresholds.reached(DAILY_DOLLAR, spent(499_999, NOON), NOON)).isEmpty();
    }

    @Test
    void each_threshold_reached_is_an_alert_with_a_stable_id() {
        assertThat(BudgetThresholds.reached(DAILY_DOLLAR, spent(800_000, NOON), NOON))
                .extracting(BudgetAlert::thresholdPercent).containsExactly(50, 80);
        assertThat(BudgetThresholds.reached(DAILY_DOLLAR, spent(1_000_000, NOON), NOON))
                .extracting(BudgetAlert::id).containsExactly(
                        DAILY_DOLLAR.id() + ":2026-11-24:50", DAILY_DOLLAR.id() + ":2026-11-24:80",
                        DAILY_DOLLAR.id() + ":2026-11-24:100");
    }

    @Test
    void a_new_period_starts_from_nothing() {
        BudgetState state = spent(900_000, NOON).plus(100, NOON.plusSeconds(86_400));

        var alerts = BudgetThresholds.reached(DAILY_DOLLAR, state, NOON.plusSeconds(86_400));

        assertThat(alerts).isEmpty();
        var total = new BudgetThresholds.Budget(DAILY_DOLLAR.id(), "key", "k", 1_000_000, "total");
        assertThat(BudgetThresholds.reached(total, state, NOON)).extracting(BudgetAlert::periodStart)
                .containsOnly(LocalDate.EPOCH);
    }
}
