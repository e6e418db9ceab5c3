package io.conduit.ingress.config;

import io.conduit.contracts.config.ConfigChange;
import io.conduit.contracts.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code conduit.config.v1} and reloads the configuration cache when anything changed.
 * Every instance reads every change (no consumer group). It finds the end of the topic before the
 * first load, so no change made during start-up is missed; a periodic reload covers the rest.
 */
public final class ConfigChangeListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigChangeListener.class);

    private final GatewayConfigCache cache;
    private final KafkaConsumer<String, ConfigChange> consumer;
    private final Duration periodicReload;
    private final Thread thread;
    private volatile boolean running = true;

    public ConfigChangeListener(String bootstrapServers, GatewayConfigCache cache, Duration periodicReload) {
        this.cache = cache;
        this.periodicReload = periodicReload;
        this.consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG, "conduit-config-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                Topics.CONFIG.keySerde().deserializer(), Topics.CONFIG.valueSerde().deserializer());
        this.thread = Thread.ofPlatform().name("conduit-config-listener").daemon().unstarted(this::run);
    }

    /** Positions at the end of the topic, loads the configuration, then follows changes in the background. */
    public void start() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONFIG.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            log.warn("Cannot position on {} yet ({}); changes will be picked up by periodic reloads",
                    Topics.CONFIG.name(), e.toString());
        }
        cache.reload();
        thread.start();
    }

    private void run() {
        long nextReload = System.nanoTime() + periodicReload.toNanos();
        while (running) {
            try {
                if (consumer.assignment().isEmpty()) {
                    retryAssignment();
                }
                ConsumerRecords<String, ConfigChange> records = consumer.poll(Duration.ofMillis(100));
                if (!records.isEmpty() || System.nanoTime() >= nextReload) {
                    cache.reload();
                    nextReload = System.nanoTime() + periodicReload.toNanos();
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                log.warn("Config change listener error: {}", e.toString());
            }
        }
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    private void retryAssignment() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONFIG.name(), Duration.ofSeconds(5)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        cache.reload();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10));
    }
}
