package io.conduit.ledger.sink;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code conduit.spend.v1} into PostgreSQL ({@link SpendStore}). Reads committed records only,
 * writes each polled batch in one database transaction, and commits the Kafka offsets only after the
 * database committed: a crash in between re-delivers the batch, which the store ignores by id.
 * While PostgreSQL is down the batch is retried with exponential backoff (the consumer stays in its
 * group, its partitions paused), so nothing is lost and nothing is skipped.
 */
public final class SpendSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpendSink.class);
    private static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    /** Counters since start (the sink's metrics). */
    public record Stats(long batches, long stored, long duplicates, long failedWrites, long malformed, long rejected) {}

    private final String bootstrapServers;
    private final SpendStore store;
    private final SpendSinkProperties settings;
    private final String instanceId;
    private final Thread thread;
    private Consumer<String, SpendRecord> consumer;
    private volatile boolean running = true;
    private volatile boolean retrying;

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private long summaryAt = System.nanoTime();
    private long summaryStored;
    private long summaryDuplicates;

    public SpendSink(String bootstrapServers, SpendSinkProperties settings, SpendStore store) {
        this(bootstrapServers, settings, store, null);
    }

    /**
     * @param instanceId static member id in the sink's consumer group, stable across restarts of this instance (so
     *     a restarted sink gets its partitions back at once instead of after the session timeout); null for none
     */
    public SpendSink(String bootstrapServers, SpendSinkProperties settings, SpendStore store, String instanceId) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.store = store;
        this.instanceId = instanceId;
        this.thread = Thread.ofPlatform().name("conduit-spend-sink").daemon(true).unstarted(this::run);
    }

    /** Starts consuming, unless the sink is disabled ({@code conduit.ledger.sink.enabled=false}). */
    public synchronized void start() {
        if (!settings.enabled()) {
            log.info("Spend sink disabled: conduit.spend.v1 is not copied to PostgreSQL by this instance");
            return;
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-" + UUID.randomUUID().toString().substring(0, 8));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxBatch());
        if (instanceId != null) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        consumer = new KafkaConsumer<>(config, Topics.SPEND.keySerde().deserializer(), Topics.SPEND.valueSerde().deserializer());
        thread.start();
        log.info("Spend sink started (group {}, batches up to {} records)", settings.groupId(), settings.maxBatch());
    }

    public Stats stats() {
        return new Stats(batches.get(), stored.get(), duplicates.get(), failedWrites.get(), malformed.get(), rejected.get());
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.SPEND.name()), new PauseWhileRetrying());
            while (running) {
                ConsumerRecords<String, SpendRecord> batch;
                try {
                    batch = consumer.poll(settings.pollTimeout());
                } catch (RecordDeserializationException e) {
                    skipMalformed(e);
                    continue;
                }
                if (!batch.isEmpty() && !process(batch)) {
                    break;
                }
                logSummary();
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Spend sink woken up unexpectedly; stopping");
            }
        } catch (RuntimeException e) {
            log.error("Spend sink stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(10));
            log.info("Spend sink stopped ({})", stats());
        }
    }

    /** Writes the batch (retrying while PostgreSQL fails), then commits its offsets; false when stopped before the write succeeded. */
    private boolean process(ConsumerRecords<String, SpendRecord> batch) {
        List<SpendRecord> records = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, SpendRecord> record : batch) {
            if (record.value() != null) {
                records.add(record.value());
            }
        }
        // the position, not the last record + 1: it also steps over the ledger's transaction markers, so lag reads 0
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        if (!writeWithRetry(records)) {
            return false;
        }
        if (retrying) {
            resumeAll();
        }
        commit(offsets);
        return true;
    }

    private boolean writeWithRetry(Collection<SpendRecord> records) {
        Duration backoff = settings.minBackoff();
        int failures = 0;
        while (running) {
            try {
                SpendStore.Written written = store.write(records);
                batches.incrementAndGet();
                stored.addAndGet(written.inserted());
                duplicates.addAndGet(written.duplicates());
                if (failures > 0) {
                    log.info("Spend sink wrote to PostgreSQL again after {} failed attempts", failures);
                }
                log.debug("Spend sink stored {} records ({} already stored)", written.inserted(), written.duplicates());
                return true;
            } catch (java.sql.SQLException | RuntimeException e) {
                if (e instanceof java.sql.SQLException sql && refusesData(sql)) {
                    // retrying cannot help: find the record(s) PostgreSQL refuses and write the others
                    return records.size() == 1 ? reject(records.iterator().next(), sql) : writeEachAlone(records);
                }
                failures++;
                failedWrites.incrementAndGet();
                log.warn("Spend sink cannot write {} records to PostgreSQL ({}); attempt {}, retrying in {} ms",
                        records.size(), describe(e), failures, backoff.toMillis());
                waitPaused(backoff);
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
        return false;
    }

    private boolean writeEachAlone(Collection<SpendRecord> records) {
        for (SpendRecord record : records) {
            if (!writeWithRetry(List.of(record))) {
                return false;
            }
        }
        return true;
    }

    /** A record PostgreSQL will never take (e.g. a timestamp out of its range): logged by id and skipped; it stays on the topic. */
    private boolean reject(SpendRecord record, java.sql.SQLException e) {
        rejected.incrementAndGet();
        log.error("Spend sink skips spend record {}: PostgreSQL refuses its data ({}); it remains in {}", record.id(),
                describe(e), Topics.SPEND.name());
        return true;
    }

    /** Data exceptions (SQL state class 22) and integrity violations (23) fail the same way on every attempt. */
    static boolean refusesData(java.sql.SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** Waits by polling with every partition paused, so the consumer keeps its group membership and fetches nothing. */
    private void waitPaused(Duration backoff) {
        retrying = true;
        consumer.pause(consumer.assignment());
        long until = System.nanoTime() + backoff.toNanos();
        while (running) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            ConsumerRecords<String, SpendRecord> none = consumer.poll(Duration.ofNanos(left));
            if (!none.isEmpty()) {
                // cannot happen with every partition paused; never silently drop records
                throw new IllegalStateException("Spend sink received records while paused");
            }
        }
    }

    private void resumeAll() {
        retrying = false;
        consumer.resume(consumer.paused());
    }

    /**
     * Commits the offsets of partitions still assigned. After a rebalance the others belong to another
     * instance, which re-reads them from the last commit: harmless, the store ignores ids it has.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(offsets);
        owned.keySet().retainAll(consumer.assignment());
        if (owned.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(owned);
            } catch (WakeupException e) {
                // close() woke the consumer while the batch was being written; the batch is stored, so commit it
                consumer.commitSync(owned);
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            log.info("Spend sink could not commit offsets during a rebalance; the batch will be re-read and ignored by id");
        }
    }

    private void skipMalformed(RecordDeserializationException e) {
        malformed.incrementAndGet();
        log.error("Spend sink skips a malformed record at {} offset {}: {}", e.topicPartition(), e.offset(),
                e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        consumer.seek(e.topicPartition(), e.offset() + 1);
    }

    private void logSummary() {
        long now = System.nanoTime();
        if (now - summaryAt < SUMMARY_EVERY.toNanos()) {
            return;
        }
        long storedNow = stored.get();
        long duplicatesNow = duplicates.get();
        if (storedNow != summaryStored || duplicatesNow != summaryDuplicates) {
            log.info("Spend sink stored {} records ({} already stored) in the last minute", storedNow - summaryStored,
                    duplicatesNow - summaryDuplicates);
        }
        summaryAt = now;
        summaryStored = storedNow;
        summaryDuplicates = duplicatesNow;
    }

    /**
     * The failure without row values: class and SQL state, plus the message of a connection failure
     * (SQL state class 08 or none, e.g. a pool timeout), which names a host and port at most.
     */
    private static String describe(Exception e) {
        if (e instanceof java.sql.SQLException sql) {
            String state = sql.getSQLState();
            String text = sql.getClass().getSimpleName() + (state == null ? "" : " SQLSTATE " + state);
            return state == null || state.startsWith("08") ? text + ": " + sql.getMessage() : text;
        }
        return e.getClass().getSimpleName();
    }

    /** Stops after the batch in hand: written and committed if PostgreSQL answers, else left for redelivery. */
    @Override
    public synchronized void close() {
        running = false;
        if (consumer == null) {
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Partitions assigned while a batch waits for PostgreSQL stay paused until it is written. */
    private final class PauseWhileRetrying implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (retrying) {
                consumer.pause(partitions);
            }
        }
    }
}
