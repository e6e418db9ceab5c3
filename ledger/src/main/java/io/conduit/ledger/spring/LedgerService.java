package io.conduit.ledger.spring;

import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.pricing.SpendCalculator;
import io.conduit.ledger.topology.LedgerTopology;
import io.conduit.ledger.topology.SpendAggregates;
import io.conduit.ledger.topology.SpendDimension;
import io.conduit.ledger.topology.SpendPeriod;
import io.conduit.ledger.topology.SpendTotals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ledger topology with exactly-once (v2) processing. Prices come from
 * {@code conduit.prices.v1} (a global store of the topology); the catalog given here is the fallback
 * until the topic has one.
 */
public final class LedgerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerService.class);

    private final KafkaStreams streams;
    private final AtomicReference<PriceCatalog> prices;
    private final LedgerProperties properties;

    /** @param budgetZone zone that budget periods (days, weeks from Monday, months) are aligned in */
    public LedgerService(String bootstrapServers, LedgerProperties properties, PriceCatalog fallback,
            java.time.ZoneId budgetZone, Consumer<SpendRecord> onSpend) {
        this.prices = new AtomicReference<>(fallback);
        this.properties = properties;
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir().toAbsolutePath().toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, properties.replicationFactor());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.threads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) properties.commitInterval().toMillis());
        // Static membership: a restarted instance takes its place in the group back at once. Without it a
        // restart after a crash (or a clean stop: Kafka Streams does not leave the group on close) waited for
        // the group to expire the old member (session timeout, 45 s) before any usage was priced again.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId(properties));
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        this.streams = new KafkaStreams(LedgerTopology.buildTopology(prices::get, new SpendCalculator(Clock.systemUTC()),
                budgetZone, onSpend), config);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Ledger stream thread failed; replacing it: {}", e.toString());
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** The configured instance id, else the one kept in the state directory (created on the first start). */
    static String instanceId(LedgerProperties properties) {
        if (!properties.instanceId().isBlank()) {
            return properties.instanceId().strip();
        }
        Path file = properties.stateDir().resolve(properties.applicationId() + ".instance-id");
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file).strip();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String created = properties.applicationId() + "-" + UUID.randomUUID();
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "instance-id", ".tmp");
            Files.writeString(temporary, created);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the ledger's instance id in " + file, e);
        }
    }

    public void start() {
        streams.start();
        log.info("Ledger started (prices from conduit.prices.v1, bundled catalog {} until one is published; unpriced policy {})",
                prices.get().version(), properties.policy().name().toLowerCase(java.util.Locale.ROOT));
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Totals of one period from this instance's topology stores, by dimension value (e.g. every model's
     * spend in month {@code 2026-11}). Covers the partitions this instance owns: all of them when one
     * ledger instance runs. Throws {@link org.apache.kafka.streams.errors.InvalidStateStoreException}
     * while the stores are being restored or rebalanced.
     */
    public Map<String, SpendTotals> totals(SpendDimension dimension, SpendPeriod period, String periodStart) {
        ReadOnlyKeyValueStore<String, SpendTotals> store = streams.store(
                StoreQueryParameters.fromNameAndType(dimension.storeName(), QueryableStoreTypes.keyValueStore()));
        return SpendAggregates.totals(store, period, periodStart);
    }

    /** Prices every event from now on with this catalog while {@code conduit.prices.v1} has none. */
    public void useFallbackCatalog(PriceCatalog catalog) {
        prices.set(catalog);
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
