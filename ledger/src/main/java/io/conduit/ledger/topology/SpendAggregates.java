package io.conduit.ledger.topology;

import io.conduit.contracts.spend.SpendRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Spend totals per {@link SpendDimension} (key, key group, model, provider) and {@link SpendPeriod}
 * (UTC hour, day, month), kept in one queryable key-value store per dimension
 * ({@link SpendDimension#storeName()}), changelogged, so exactly-once processing keeps them
 * consistent with {@code conduit.spend.v1}.
 *
 * <p>A store key is {@code <period>|<period start>|<value>}, e.g. {@code month|2026-11|gpt-4o-mini}:
 * all values of one period are one prefix scan ({@link #totals}). Totals are kept where the spend
 * arrives, without a repartition: a key's spend is all in one partition (the spend stream is keyed by
 * virtual key), and a group's, model's or provider's spend is spread over the partitions, each task
 * holding the part of its own. {@link #totals} adds the parts up, so a query of an instance covers
 * every partition it owns (all of them when one ledger instance runs). Moving each record to the task
 * of each of its values instead cost three repartitioned copies of every record, most of the ledger's
 * time. A record is counted in the period of {@code occurred_at}. Totals older than the period's
 * {@link SpendPeriod#retention()} are dropped hourly (PostgreSQL keeps the full history).
 */
public final class SpendAggregates {

    /** Values of the totals stores (binary: see {@link SpendTotalsSerde}). */
    public static final Serde<SpendTotals> TOTALS_SERDE = new SpendTotalsSerde();
    static final Duration EXPIRY_EVERY = Duration.ofHours(1);
    private static final char SEPARATOR = '|';

    private SpendAggregates() {}

    /** Adds one store per dimension and the processor that totals every spend record into all of them. */
    public static void addTo(StreamsBuilder builder, KStream<String, SpendRecord> spend) {
        SpendDimension[] dimensions = SpendDimension.values();
        String[] stores = new String[dimensions.length];
        for (int i = 0; i < dimensions.length; i++) {
            stores[i] = dimensions[i].storeName();
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores[i]),
                    Serdes.String(), TOTALS_SERDE).withCachingEnabled());
        }
        spend.process(Totalling::new, Named.as("spend-totals"), stores);
    }

    /** {@code <period>|<period start>|<value>}. */
    public static String storeKey(SpendPeriod period, String periodStart, String value) {
        return period.id() + SEPARATOR + periodStart + SEPARATOR + value;
    }

    /**
     * Every value's totals in one period (e.g. all models in month {@code 2026-11}), by value: the parts
     * kept by each of the store's partitions added up.
     */
    public static Map<String, SpendTotals> totals(ReadOnlyKeyValueStore<String, SpendTotals> store, SpendPeriod period,
            String periodStart) {
        String prefix = period.id() + SEPARATOR + periodStart + SEPARATOR;
        Map<String, SpendTotals> totals = new TreeMap<>();
        try (KeyValueIterator<String, SpendTotals> all = store.prefixScan(prefix, new StringSerializer())) {
            all.forEachRemaining(entry -> totals.merge(entry.key.substring(prefix.length()), entry.value, SpendTotals::plus));
        }
        return totals;
    }

    /** Adds each spend record to its hour, day and month of every dimension; forgets periods past their retention. */
    static final class Totalling extends ContextualProcessor<String, SpendRecord, Void, Void> {

        private final Map<SpendDimension, KeyValueStore<String, SpendTotals>> stores = new EnumMap<>(SpendDimension.class);

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            super.init(context);
            for (SpendDimension dimension : SpendDimension.values()) {
                stores.put(dimension, context.getStateStore(dimension.storeName()));
            }
            context.schedule(EXPIRY_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> expire(Instant.ofEpochMilli(now)));
        }

        @Override
        public void process(Record<String, SpendRecord> record) {
            SpendRecord spend = record.value();
            if (spend == null) {
                return;
            }
            SpendDelta delta = SpendDelta.of(spend);
            Instant at = delta.occurredAt() != null ? delta.occurredAt() : Instant.ofEpochMilli(record.timestamp());
            for (SpendPeriod period : SpendPeriod.values()) {
                String periodStart = period.of(at);
                for (var entry : stores.entrySet()) {
                    String value = entry.getKey().valueOf(spend);
                    if (value != null) {
                        add(entry.getValue(), storeKey(period, periodStart, value), delta);
                    }
                }
            }
        }

        private static void add(KeyValueStore<String, SpendTotals> store, String key, SpendDelta delta) {
            SpendTotals current = store.get(key);
            store.put(key, (current == null ? SpendTotals.ZERO : current).plus(delta));
        }

        void expire(Instant now) {
            for (KeyValueStore<String, SpendTotals> store : stores.values()) {
                for (SpendPeriod period : SpendPeriod.values()) {
                    String from = period.id() + SEPARATOR;
                    // "<period>|<oldest kept>" sorts before every key of that period and after every older one
                    String to = from + period.oldestKept(now);
                    List<String> old = new ArrayList<>();
                    try (KeyValueIterator<String, SpendTotals> range = store.range(from, to)) {
                        range.forEachRemaining(entry -> old.add(entry.key));
                    }
                    old.forEach(store::delete);
                }
            }
        }
    }
}
