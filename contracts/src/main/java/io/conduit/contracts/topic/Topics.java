package io.conduit.contracts.topic;

import io.conduit.contracts.budget.BudgetAlert;
import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.config.ConfigChange;
import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.jobs.JobRequest;
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

    /**
     * Media jobs to run ({@link JobRequest}), consumed by the workers' consumer group. Writer: ingress
     * (and admin, redriving a dead letter). Key: job id. Kept 7 days.
     */
    public static final Topic<String, JobRequest> JOB_REQUESTS = new Topic<>(
            "conduit.jobs.requests.v1",
            Serdes.String(),
            new JsonSerde<>(JobRequest.class),
            JobRequest::jobId,
            12,
            false,
            Duration.ofDays(7));

    /**
     * Job requests a worker could not run (unreadable, or failing the worker itself every time): the
     * record as it came, for the admin view and redrive. Writer: workers. Key: job id. Kept 30 days.
     */
    public static final Topic<String, JobRequest> JOB_DEAD_LETTERS = new Topic<>(
            "conduit.jobs.requests.dlq.v1",
            Serdes.String(),
            new JsonSerde<>(JobRequest.class),
            JobRequest::jobId,
            1,
            false,
            Duration.ofDays(30));

    /**
     * What workers saw happen to jobs ({@link JobEvent}), applied by media-jobs to the job state
     * machine. Writer: workers. Key: job id. Kept 7 days.
     */
    public static final Topic<String, JobEvent> JOB_EVENTS = new Topic<>(
            "conduit.jobs.events.v1",
            Serdes.String(),
            new JsonSerde<>(JobEvent.class),
            JobEvent::jobId,
            12,
            false,
            Duration.ofDays(7));

    private Topics() {}

    public static List<Topic<?, ?>> all() {
        return List.of(USAGE, SPEND, CONFIG, PRICES, UNPRICED, BUDGET_STATE, BUDGET_ALERTS, JOB_REQUESTS, JOB_DEAD_LETTERS,
                JOB_EVENTS);
    }
}
