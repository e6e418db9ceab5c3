package io.conduit.ledger.budget;

import io.conduit.contracts.budget.BudgetAlert;
import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.topic.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises budget threshold alerts: follows {@code conduit.budget-state.v1}, compares each scope's
 * spend in the current period with its budget (PostgreSQL), and publishes an alert to
 * {@code conduit.budget-alerts.v1} the first time 50, 80 and 100 % are reached in a period.
 * At least once: an alert is published before it is recorded as sent ({@code budget_alerts_sent}),
 * so a crash in between sends it again with the same id; offsets are committed after both.
 */
public final class BudgetAlerter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BudgetAlerter.class);

    private final DataSource dataSource;
    private final KafkaConsumer<String, BudgetState> consumer;
    private final KafkaProducer<String, BudgetAlert> producer;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;

    public BudgetAlerter(String bootstrapServers, DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, "conduit-budget-alerts",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.BUDGET_STATE.keySerde().deserializer(), Topics.BUDGET_STATE.valueSerde().deserializer());
        this.producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG, "conduit-budget-alerts",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.ACKS_CONFIG, "all"),
                Topics.BUDGET_ALERTS.keySerde().serializer(), Topics.BUDGET_ALERTS.valueSerde().serializer());
        this.thread = Thread.ofPlatform().name("conduit-budget-alerts").daemon().unstarted(this::run);
    }

    public void start() {
        consumer.subscribe(List.of(Topics.BUDGET_STATE.name()));
        thread.start();
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try {
                ConsumerRecords<String, BudgetState> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                Map<String, BudgetState> latest = new HashMap<>();
                for (ConsumerRecord<String, BudgetState> record : records) {
                    if (record.value() != null) {
                        latest.put(record.key(), record.value());
                    }
                }
                handle(latest);
                consumer.commitSync();
                backoff = 500;
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException | SQLException | ExecutionException | InterruptedException e) {
                log.warn("Budget alerts: {}; retrying in {} ms", e.toString(), backoff);
                rewindToCommitted();
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff); // pause before retrying the same records
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
        consumer.close();
    }

    /** Back to the last committed offsets, so the records of a failed batch are handled again. */
    private void rewindToCommitted() {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
        for (TopicPartition partition : consumer.assignment()) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }

    private void handle(Map<String, BudgetState> states) throws SQLException, ExecutionException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            for (BudgetState state : states.values()) {
                BudgetThresholds.Budget budget = budgetOf(connection, state.scope(), state.scopeId());
                if (budget == null) {
                    continue;
                }
                for (BudgetAlert alert : BudgetThresholds.reached(budget, state, clock.instant())) {
                    if (!alreadySent(connection, alert)) {
                        producer.send(new ProducerRecord<>(Topics.BUDGET_ALERTS.name(), alert.budgetId(), alert)).get();
                        recordSent(connection, alert);
                        log.info("Budget {} reached {} % in the period from {}", alert.budgetId(), alert.thresholdPercent(),
                                alert.periodStart());
                    }
                }
            }
        }
    }

    private static BudgetThresholds.Budget budgetOf(Connection connection, String scope, String scopeId) throws SQLException {
        UUID id;
        try {
            id = UUID.fromString(scopeId);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "select id, amount_micros, period from budgets where scope = ? and scope_id = ?")) {
            query.setString(1, scope);
            query.setObject(2, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? new BudgetThresholds.Budget(rs.getString("id"), scope, scopeId, rs.getLong("amount_micros"),
                        rs.getString("period")) : null;
            }
        }
    }

    private static boolean alreadySent(Connection connection, BudgetAlert alert) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select 1 from budget_alerts_sent where budget_id = ? and period_start = ? and threshold = ?")) {
            bind(query, alert);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void recordSent(Connection connection, BudgetAlert alert) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into budget_alerts_sent (budget_id, period_start, threshold) values (?, ?, ?) on conflict do nothing")) {
            bind(insert, alert);
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, BudgetAlert alert) throws SQLException {
        statement.setObject(1, UUID.fromString(alert.budgetId()));
        statement.setObject(2, alert.periodStart());
        statement.setInt(3, alert.thresholdPercent());
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
        producer.close(Duration.ofSeconds(5));
    }
}
