package io.conduit.ledger.spring;

import io.conduit.ledger.pricing.PriceCatalog;
import io.conduit.ledger.pricing.SpendCalculator;
import io.conduit.ledger.topology.LedgerTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the ledger topology with exactly-once (v2) processing. */
public final class LedgerService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerService.class);

    private final KafkaStreams streams;
    private final AtomicReference<PriceCatalog> prices;

    /** @param budgetZone zone that budget periods (days, weeks from Monday, months) are aligned in */
    public LedgerService(String bootstrapServers, LedgerProperties properties, PriceCatalog catalog,
            java.time.ZoneId budgetZone) {
        this.prices = new AtomicReference<>(catalog);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDir().toAbsolutePath().toString());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, properties.replicationFactor());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.threads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        this.streams = new KafkaStreams(LedgerTopology.buildTopology(prices::get, new SpendCalculator(Clock.systemUTC()),
                budgetZone), config);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Ledger stream thread failed; replacing it: {}", e.toString());
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    public void start() {
        streams.start();
        log.info("Ledger started (price catalog {})", prices.get().version());
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Prices every event from now on with this catalog. */
    public void useCatalog(PriceCatalog catalog) {
        prices.set(catalog);
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
