package io.conduit.ledger.topology;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.ledger.pricing.PriceCatalog;
import io.conduit.ledger.pricing.SpendCalculator;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
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
 * store, which exactly-once processing keeps consistent with the output. The priced stream is also
 * totalled per key, key group, model and provider by hour, day and month ({@link SpendAggregates}).
 */
public final class LedgerTopology {

    public static final String SEEN_STORE = "seen-usage-ids";
    public static final Duration DEDUP_RETENTION = Duration.ofDays(7);

    private LedgerTopology() {}

    /** A pure description of the processing; {@code prices} is read for every event, so catalog updates apply at once. */
    public static Topology buildTopology(Supplier<PriceCatalog> prices, SpendCalculator calculator) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_STORE), Serdes.String(), Serdes.Long()));
        KStream<String, SpendRecord> spend = builder
                .stream(Topics.USAGE.name(), Consumed.with(Topics.USAGE.keySerde(), Topics.USAGE.valueSerde()))
                .filter((key, usage) -> usage != null && usage.id() != null)
                .process(() -> new FirstSeen(), SEEN_STORE)
                .mapValues(usage -> calculator.price(usage, prices.get()));
        spend.to(Topics.SPEND.name(), Produced.with(Topics.SPEND.keySerde(), Topics.SPEND.valueSerde()));
        SpendAggregates.addTo(builder, spend);
        return builder.build();
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
