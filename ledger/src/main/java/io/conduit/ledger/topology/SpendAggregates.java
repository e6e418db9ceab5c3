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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
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
 * all values of one period are one prefix scan ({@link #totals}). The spend stream is keyed by virtual
 * key, so the key dimension is counted where it is; the others are repartitioned by their value first
 * (topics {@code <application id>-spend-by-<dimension>-repartition}, carrying a compact {@link SpendDelta} rather
 * than the whole record), so every total lives in exactly one task. A record is counted in the period of {@code occurred_at}. Totals older than the period's
 * {@link SpendPeriod#retention()} are dropped hourly (PostgreSQL keeps the full history).
 *
 * <p>Each update is also forwarded downstream ({@link #addTo} returns the streams): key = store key,
 * value = the new totals; budget state can be derived from them.
 */
public final class SpendAggregates {

    /** Values of the totals stores (binary: see {@link SpendTotalsSerde}). */
    public static final Serde<SpendTotals> TOTALS_SERDE = new SpendTotalsSerde();
    static final Duration EXPIRY_EVERY = Duration.ofHours(1);
    private static final char SEPARATOR = '|';

    private SpendAggregates() {}

    /** Adds one store and its totalling processor per dimension; returns each dimension's stream of updated totals. */
    public static Map<SpendDimension, KStream<String, SpendTotals>> addTo(StreamsBuilder builder,
            KStream<String, SpendRecord> spend) {
        Map<SpendDimension, KStream<String, SpendTotals>> updates = new EnumMap<>(SpendDimension.class);
        for (SpendDimension dimension : SpendDimension.values()) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(dimension.storeName()),
                    Serdes.String(), TOTALS_SERDE).withCachingEnabled());
            KStream<String, SpendDelta> keyed = spend
                    .filter((key, record) -> dimension.valueOf(record) != null, Named.as("spend-with-" + dimension.id()))
                    .map((key, record) -> KeyValue.pair(dimension.valueOf(record), SpendDelta.of(record)),
                            Named.as("spend-keyed-by-" + dimension.id()));
            // the spend stream is partitioned by key id already; the other dimensions move to the task of their value
            KStream<String, SpendDelta> byValue = dimension == SpendDimension.KEY ? keyed
                    : keyed.repartition(Repartitioned.<String, SpendDelta>as("spend-by-" + dimension.id())
                            .withKeySerde(Serdes.String()).withValueSerde(SpendDelta.SERDE));
            updates.put(dimension, byValue.process(() -> new Totalling(dimension),
                    Named.as("spend-totals-" + dimension.id()), dimension.storeName()));
        }
        return updates;
    }

    /** {@code <period>|<period start>|<value>}. */
    public static String storeKey(SpendPeriod period, String periodStart, String value) {
        return period.id() + SEPARATOR + periodStart + SEPARATOR + value;
    }

    /** Every value's totals in one period (e.g. all models in month {@code 2026-11}), by value. */
    public static Map<String, SpendTotals> totals(ReadOnlyKeyValueStore<String, SpendTotals> store, SpendPeriod period,
            String periodStart) {
        String prefix = period.id() + SEPARATOR + periodStart + SEPARATOR;
        Map<String, SpendTotals> totals = new TreeMap<>();
        try (KeyValueIterator<String, SpendTotals> all = store.prefixScan(prefix, new StringSerializer())) {
            all.forEachRemaining(entry -> totals.merge(entry.key.substring(prefix.length()), entry.value, SpendTotals::plus));
        }
        return totals;
    }

    /** Adds each spend record to its hour, day and month; forgets periods past their retention. */
    static final class Totalling extends ContextualProcessor<String, SpendDelta, String, SpendTotals> {

        private final SpendDimension dimension;
        private KeyValueStore<String, SpendTotals> store;

        Totalling(SpendDimension dimension) {
            this.dimension = dimension;
        }

        @Override
        public void init(ProcessorContext<String, SpendTotals> context) {
            super.init(context);
            store = context.getStateStore(dimension.storeName());
            context.schedule(EXPIRY_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> expire(Instant.ofEpochMilli(now)));
        }

        @Override
        public void process(Record<String, SpendDelta> record) {
            SpendDelta spend = record.value();
            String value = record.key();
            if (value == null || spend == null) {
                return;
            }
            Instant at = spend.occurredAt() != null ? spend.occurredAt() : Instant.ofEpochMilli(record.timestamp());
            for (SpendPeriod period : SpendPeriod.values()) {
                String key = storeKey(period, period.of(at), value);
                SpendTotals current = store.get(key);
                SpendTotals updated = (current == null ? SpendTotals.ZERO : current).plus(spend);
                store.put(key, updated);
                context().forward(new Record<>(key, updated, record.timestamp()));
            }
        }

        void expire(Instant now) {
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
