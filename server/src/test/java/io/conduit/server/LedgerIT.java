package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The ledger role on a real broker: every usage event becomes exactly one priced spend record. */
class LedgerIT {

    @Test
    void prices_the_gateways_usage_into_the_spend_stream_once() throws Exception {
        Gateway gateway = Gateway.get();
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String requestId = "ledger-" + UUID.randomUUID();
            requestIds.add(requestId);
            assertThat(gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(gateway.alias, i % 2 == 0),
                    "x-request-id", requestId).statusCode()).isEqualTo(200);
        }
        List<UsageEvent> usage = gateway.usage.await(e -> requestIds.contains(e.requestId()), 5);

        try (ConduitServer ledger = ConduitServer.start(TestInfrastructure.get().environment("ledger"));
                KafkaConsumer<String, SpendRecord> spend = spendConsumer()) {
            List<SpendRecord> records = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                spend.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (requestIds.contains(r.value().requestId())) {
                        records.add(r.value());
                    }
                });
                return records.size() >= 5;
            });

            assertThat(records).extracting(SpendRecord::id).containsExactlyInAnyOrderElementsOf(
                    usage.stream().map(UsageEvent::id).toList());
            for (SpendRecord record : records) {
                UsageEvent event = usage.stream().filter(u -> u.id().equals(record.id())).findFirst().orElseThrow();
                // gpt-4o-mini in the bundled catalog: 0.15 USD / M input tokens, 0.60 USD / M output tokens
                long expected = Math.round(event.promptTokens() * 0.15) + Math.round(event.completionTokens() * 0.6);
                assertThat(record.totalMicros()).isEqualTo(expected);
                assertThat(record.unpriced()).isFalse();
                assertThat(record.priceVersion()).isNotBlank();
            }
        }
    }

    static KafkaConsumer<String, SpendRecord> spendConsumer() {
        KafkaConsumer<String, SpendRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.SPEND.keySerde().deserializer(), Topics.SPEND.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SPEND.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
