package io.conduit.ingress.budget;

import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the whole compacted {@code conduit.budget-state.v1} in memory: reads it from the start,
 * then follows it. Every ingress instance has its own copy; it only ever grows more current.
 */
public final class BudgetStateFollower implements BudgetStateView, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BudgetStateFollower.class);

    private final Map<String, BudgetState> states = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, BudgetState> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    public BudgetStateFollower(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG, "conduit-budget-state-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.BUDGET_STATE.keySerde().deserializer(), Topics.BUDGET_STATE.valueSerde().deserializer());
        this.thread = Thread.ofPlatform().name("conduit-budget-state").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    @Override
    public Optional<BudgetState> state(String scopeKey) {
        return Optional.ofNullable(states.get(scopeKey));
    }

    private void run() {
        while (running) {
            try {
                if (consumer.assignment().isEmpty()) {
                    assign();
                    continue;
                }
                for (ConsumerRecord<String, BudgetState> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        states.remove(record.key());
                    } else {
                        states.merge(record.key(), record.value(), BudgetStateFollower::newer);
                    }
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                log.warn("Budget state follower error: {}", e.toString());
            }
        }
        consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    private void assign() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.BUDGET_STATE.name(), Duration.ofSeconds(5)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (!partitions.isEmpty()) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
    }

    /** States only grow: a stale copy (e.g. re-read after a rebalance of the ledger) never replaces a newer one. */
    private static BudgetState newer(BudgetState current, BudgetState next) {
        return next.records() >= current.records() ? next : current;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
