package io.conduit.contracts.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted topic from its beginning and follows it, handing every record (a null value is
 * a deletion) to a callback on its own daemon thread. No consumer group: every reader sees every
 * record. Survives Kafka being away: it keeps retrying, and the caller keeps its last state.
 */
public final class CompactedTopicReader<K, V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);

    private final Topic<K, V> topic;
    private final BiConsumer<K, V> onRecord;
    private final KafkaConsumer<K, V> consumer;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    public CompactedTopicReader(String bootstrapServers, Topic<K, V> topic, String clientIdPrefix, BiConsumer<K, V> onRecord) {
        this.topic = topic;
        this.onRecord = onRecord;
        this.consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        this.thread = Thread.ofPlatform().name(clientIdPrefix + "-reader").daemon().unstarted(this::run);
    }

    public CompactedTopicReader<K, V> start() {
        thread.start();
        return this;
    }

    /** Whether everything on the topic when the reader started has been handed over. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until {@link #caughtUp()}, at most {@code timeout}; returns whether it is. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        Map<TopicPartition, Long> ends = null;
        while (running) {
            try {
                if (consumer.assignment().isEmpty()) {
                    List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
                    if (partitions.isEmpty()) {
                        closed.await(1, TimeUnit.SECONDS);
                        continue;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                    ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> onRecord.accept(r.key(), r.value()));
                if (ends != null && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                    ends = null;
                }
            } catch (WakeupException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("Reading {} failed ({}); retrying", topic.name(), e.toString());
                try {
                    closed.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    @Override
    public void close() {
        running = false;
        closed.countDown();
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
