package io.conduit.contracts.topic;

import io.conduit.contracts.budget.BudgetAlert;
import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.config.ConfigChange;
import io.conduit.contracts.json.JsonSerde;
import io.conduit.contracts.pricing.PriceCatalogSnapshot;
import io.conduit.contracts.pricing.UnpricedModel;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.usage.UsageEvent;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** The catalog of Conduit's topics. Each topic has exactly one writer (named below). */
public final class Topics {

    /** One {@link UsageEvent} per upstream call that can cost money. Writer: ingress. Key: virtual key id. */
    public static final Topic<String, UsageEvent> USAGE = new Topic<>(
            "conduit.usage.v1",
            Serdes.String(),
            new JsonSerde<>(UsageEvent.class),
            UsageEvent::keyId,
            12,
            false,
            Duration.ofDays(30));

    /**
     * The finance stream: one {@link SpendRecord} per usage event, same id, integer micro-USD.
     * Writer: ledger (exactly-once). Key: virtual key id. Kept 400 days.
     */
    public static final Topic<String, SpendRecord> SPEND = new Topic<>(
            "conduit.spend.v1",
            Serdes.String(),
            new JsonSerde<>(SpendRecord.class),
            SpendRecord::keyId,
            12,
            false,
            Duration.ofDays(400));

    /**
     * Admin configuration changes: a notification that an entity changed, never its content (so no
     * credential travels on it). Writer: admin. Key: {@code entity/id}, compacted.
     */
    public static final Topic<String, ConfigChange> CONFIG = new Topic<>(
            "conduit.config.v1",
            Serdes.String(),
            new JsonSerde<>(ConfigChange.class),
            ConfigChange::key,
            1,
            true,
            Duration.ZERO);

    /**
     * What each key and key group has spent in the current day, week, month and ever: the budget
     * state every ingress instance reads. Writer: ledger (exactly-once). Key: {@code key:<id>} or
     * {@code key_group:<id>}, compacted.
     */
    public static final Topic<String, BudgetState> BUDGET_STATE = new Topic<>(
            "conduit.budget-state.v1",
            Serdes.String(),
            new JsonSerde<>(BudgetState.class),
            state -> BudgetState.key(state.scope(), state.scopeId()),
            12,
            true,
            Duration.ZERO);

    /**
     * The price catalog: the whole catalog (every entry and markup, with their history) as one
     * {@link PriceCatalogSnapshot} under the key {@code catalog}, republished on every change. Writer:
     * admin. Compacted, 1 partition: readers (ledger, ingress) keep the latest, by revision.
     */
    public static final Topic<String, PriceCatalogSnapshot> PRICES = new Topic<>(
            "conduit.prices.v1",
            Serdes.String(),
            new JsonSerde<>(PriceCatalogSnapshot.class),
            PriceCatalogSnapshot::key,
            1,
            true,
            Duration.ZERO);

    /**
     * Budget threshold alerts (50, 80 and 100 % of a budget reached in a period), at least once with
     * a stable id. Writer: ledger. Key: budget id. Kept 30 days.
     */
    public static final Topic<String, BudgetAlert> BUDGET_ALERTS = new Topic<>(
            "conduit.budget-alerts.v1",
            Serdes.String(),
            new JsonSerde<>(BudgetAlert.class),
            BudgetAlert::budgetId,
            3,
            false,
            Duration.ofDays(30));

    /**
     * Provider models the ledger priced without a price ({@link UnpricedModel}), one record per
     * provider and model. Writer: ledger (exactly-once). Key: {@code provider/model}, compacted.
     */
    public static final Topic<String, UnpricedModel> UNPRICED = new Topic<>(
            "conduit.prices.unpriced.v1",
            Serdes.String(),
            new JsonSerde<>(UnpricedModel.class),
            UnpricedModel::key,
            1,
            true,
            Duration.ZERO);

    private Topics() {}

    public static List<Topic<?, ?>> all() {
        return List.of(USAGE, SPEND, CONFIG, PRICES, UNPRICED, BUDGET_STATE, BUDGET_ALERTS);
    }
}
