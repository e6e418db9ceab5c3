package io.conduit.ledger.topology;

import io.conduit.contracts.json.JsonSerde;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.UnpricedModel;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.contracts.pricing.SpendCalculator;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The ledger's topology: {@code conduit.usage.v1} → priced → {@code conduit.spend.v1}, one spend
 * record per usage event id. A usage event delivered twice (an ingress re-sending after a crash)
 * is priced once: ids seen in the last {@link #DEDUP_RETENTION} are remembered in a changelogged
 * store, which exactly-once processing keeps consistent with the output.
 *
 * <p>Prices come from {@code conduit.prices.v1} through a global store ({@link #PRICES_STORE}): every
 * instance holds the latest catalog, bootstrapped before any usage is processed, and falls back to
 * {@code fallback} until the topic has one. Each event is priced with the entries effective when it
 * finished, so the output does not depend on when the catalog arrived (docs/billing.md).
 *
 * <p>Models priced without a price are counted per provider and model into the compacted
 * {@code conduit.prices.unpriced.v1}, which the admin API shows.
 *
 * <p>The priced stream is also totalled per key, key group, model and provider by hour, day and
 * month ({@link SpendAggregates}).
 */
public final class LedgerTopology {

    public static final String SEEN_STORE = "seen-usage-ids";
    public static final String PRICES_STORE = "price-catalog";
    public static final String UNPRICED_STORE = "unpriced-models";
    public static final Duration DEDUP_RETENTION = Duration.ofDays(7);

    private LedgerTopology() {}

    /** The topology without an observer of spend records, budget periods aligned in UTC. */
    public static Topology buildTopology(Supplier<PriceCatalog> fallback, SpendCalculator calculator) {
        return buildTopology(fallback, calculator, ZoneOffset.UTC, spend -> {});
    }

    /** The topology with budget periods aligned in UTC. */
    public static Topology buildTopology(Supplier<PriceCatalog> fallback, SpendCalculator calculator,
            Consumer<SpendRecord> onSpend) {
        return buildTopology(fallback, calculator, ZoneOffset.UTC, onSpend);
    }

    /** The topology without an observer of spend records. */
    public static Topology buildTopology(Supplier<PriceCatalog> fallback, SpendCalculator calculator, ZoneId budgetZone) {
        return buildTopology(fallback, calculator, budgetZone, spend -> {});
    }

    /**
     * A pure description of the processing.
     *
     * @param fallback the catalog used until {@code conduit.prices.v1} has one (the bundled catalog)
     * @param budgetZone zone the budget periods (day, week from Monday, month) of keys and key groups are aligned in
     * @param onSpend sees every spend record as it is produced (metrics); it may see a record again
     *     when a transaction is retried, so it must not be used for anything that has to be exact
     */
    public static Topology buildTopology(Supplier<PriceCatalog> fallback, SpendCalculator calculator, ZoneId budgetZone,
            Consumer<SpendRecord> onSpend) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_STORE), Serdes.String(), Serdes.Long()));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PRICES_STORE), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                Topics.PRICES.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("prices-source"),
                LatestCatalog::new);
        KStream<String, SpendRecord> spend = builder
                .stream(Topics.USAGE.name(), Consumed.with(Topics.USAGE.keySerde(), Topics.USAGE.valueSerde()))
                .filter((key, usage) -> usage != null && usage.id() != null)
                .process(FirstSeen::new, SEEN_STORE)
                .processValues(() -> new Pricing(fallback, calculator, onSpend), Named.as("price"));
        spend.to(Topics.SPEND.name(), Produced.with(Topics.SPEND.keySerde(), Topics.SPEND.valueSerde()));
        spend.filter((key, record) -> record.unpriced())
                .selectKey((key, record) -> UnpricedModel.keyOf(record.provider(), record.providerModel()))
                .groupByKey(Grouped.with("unpriced-by-model", Serdes.String(), Topics.SPEND.valueSerde()))
                .aggregate(() -> null, (key, record, seen) -> counted(seen, record),
                        Materialized.<String, UnpricedModel, KeyValueStore<Bytes, byte[]>>as(UNPRICED_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new JsonSerde<>(UnpricedModel.class)))
                .toStream()
                .to(Topics.UNPRICED.name(), Produced.with(Topics.UNPRICED.keySerde(), Topics.UNPRICED.valueSerde()));
        SpendAggregates.addTo(builder, spend);
        BudgetStates.attach(spend, budgetZone);
        return builder.build();
    }

    private static UnpricedModel counted(UnpricedModel seen, SpendRecord record) {
        if (seen == null) {
            return new UnpricedModel(record.provider(), record.providerModel(), 1, record.occurredAt(),
                    record.occurredAt(), record.priceVersion());
        }
        boolean earlier = record.occurredAt() != null && (seen.firstSeenAt() == null || record.occurredAt().isBefore(seen.firstSeenAt()));
        boolean later = record.occurredAt() != null && (seen.lastSeenAt() == null || record.occurredAt().isAfter(seen.lastSeenAt()));
        return new UnpricedModel(seen.provider(), seen.model(), seen.calls() + 1,
                earlier ? record.occurredAt() : seen.firstSeenAt(), later ? record.occurredAt() : seen.lastSeenAt(),
                record.priceVersion());
    }

    /** Passes each usage event id the first time it is seen; forgets ids older than the retention. */
    static final class FirstSeen extends ContextualProcessor<String, UsageEvent, String, UsageEvent> {

        private KeyValueStore<String, Long> seen;

        @Override
        public void init(ProcessorContext<String, UsageEvent> context) {
            super.init(context);
            seen = context.getStateStore(SEEN_STORE);
            context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::forgetOld);
        }

        @Override
        public void process(Record<String, UsageEvent> record) {
            String id = record.value().id();
            if (seen.get(id) != null) {
                return;
            }
            seen.put(id, record.timestamp());
            context().forward(record);
        }

        private void forgetOld(long now) {
            long cutoff = now - DEDUP_RETENTION.toMillis();
            try (KeyValueIterator<String, Long> all = seen.all()) {
                while (all.hasNext()) {
                    var entry = all.next();
                    if (entry.value < cutoff) {
                        seen.delete(entry.key);
                    }
                }
            }
        }
    }
}
