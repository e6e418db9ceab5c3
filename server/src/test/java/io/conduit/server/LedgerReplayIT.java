package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.embedded.EmbeddedKafka;
import io.conduit.ledger.spring.LedgerProperties;
import io.conduit.ledger.spring.LedgerService;
import io.conduit.ledger.topology.SpendDimension;
import io.conduit.ledger.topology.SpendPeriod;
import io.conduit.ledger.topology.SpendTotals;
import io.conduit.server.infra.TopicProvisioner;
import io.conduit.server.support.LedgerData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying changes no total (invariant 2): the usage topic of one broker, copied record by record (same
 * partitions, order, keys, values and timestamps) to a second, empty broker and processed there from offset 0 by
 * a fresh ledger (new application id, empty state), gives the same spend stream — per key, per model and in
 * total — and the same totals in the ledger's stores. Running the same ledger again from scratch on the same input
 * writes the same spend records, id for id and amount for amount.
 */
class LedgerReplayIT {

    static final int EVENTS = 30_000;
    static final int REDELIVERED = 1_500;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void reprocessing_the_usage_topic_from_offset_zero_into_an_empty_ledger_gives_identical_totals() throws Exception {
        String run = "replay" + UUID.randomUUID().toString().substring(0, 8);
        List<UsageEvent> events = LedgerData.usage(run, EVENTS, 21, LedgerData.now());
        List<UsageEvent> sends = LedgerData.withRedeliveries(events, REDELIVERED, 22);
        try (EmbeddedKafka first = broker("first")) {
            try (KafkaProducer<String, UsageEvent> producer = LedgerData.usageProducer(first.bootstrapServers())) {
                for (UsageEvent event : sends) {
                    producer.send(new ProducerRecord<>(Topics.USAGE.name(), Topics.USAGE.keyFor(event), event));
                }
            }
            Map<String, Map<String, SpendTotals>> firstStores = runLedger(first, "ledger-first", events);
            // the second broker starts only now: two brokers starting side by side in this JVM while the first
            // takes its usage made the producer fail batches out of sequence (NOT_LEADER_OR_FOLLOWER, then
            // OutOfOrderSequenceException) on a busy machine
            try (EmbeddedKafka second = broker("second")) {
                replay(first, second, events, sends.size(), firstStores);
            }
        }
    }

    /** The usage copied to an empty broker, priced there by a fresh ledger, then once more: the same totals each time. */
    private void replay(EmbeddedKafka first, EmbeddedKafka second, List<UsageEvent> events, int sent,
            Map<String, Map<String, SpendTotals>> firstStores) throws Exception {
        {

            long copied = copyUsage(first.bootstrapServers(), second.bootstrapServers());
            assertThat(copied).isEqualTo(sent);
            assertThat(LedgerData.endOffsets(second.bootstrapServers(), Topics.USAGE.name(), false))
                    .isEqualTo(LedgerData.endOffsets(first.bootstrapServers(), Topics.USAGE.name(), false));
            Map<String, Map<String, SpendTotals>> replayStores = runLedger(second, "ledger-replay", events);

            Map<String, SpendRecord> original = once(LedgerData.spend(first.bootstrapServers()));
            Map<String, SpendRecord> replayed = once(LedgerData.spend(second.bootstrapServers()));
            assertThat(original.keySet()).isEqualTo(LedgerData.expected(events).keySet());
            assertThat(totals(replayed.values(), SpendRecord::keyId)).isEqualTo(totals(original.values(), SpendRecord::keyId));
            assertThat(totals(replayed.values(), SpendRecord::providerModel))
                    .isEqualTo(totals(original.values(), SpendRecord::providerModel));
            assertThat(totals(replayed.values(), r -> "all")).isEqualTo(totals(original.values(), r -> "all"));
            long expected = LedgerData.expected(events).values().stream().mapToLong(SpendRecord::totalMicros).sum();
            assertThat(totals(original.values(), r -> "all").get("all")).containsExactly((long) EVENTS, expected);
            assertThat(replayStores).isEqualTo(firstStores);

            // the same ledger once more from scratch, on the same input: the same records, id for id
            Map<TopicPartition, Long> afterReplay = LedgerData.endOffsets(second.bootstrapServers(), Topics.SPEND.name(), false);
            Map<String, Map<String, SpendTotals>> againStores = runLedger(second, "ledger-again", events);
            Map<String, SpendRecord> again = once(LedgerData.spend(second.bootstrapServers(), afterReplay));
            assertThat(again.keySet()).isEqualTo(replayed.keySet());
            List<String> different = again.values().stream()
                    .filter(record -> !withoutPricedAt(record).equals(withoutPricedAt(replayed.get(record.id()))))
                    .map(SpendRecord::id).toList();
            assertThat(different).as("spend records that differ from the earlier run's (pricing time aside)").isEmpty();
            assertThat(againStores).isEqualTo(replayStores);
        }
    }

    EmbeddedKafka broker(String name) {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(dir.resolve(name)));
        TopicProvisioner.ensure(kafka.bootstrapServers(), Topics.all(), (short) 1, Duration.ofSeconds(60));
        return kafka;
    }

    /**
     * Runs a fresh ledger (new application id, empty state directory) over the broker's usage topic until every
     * event is counted in every dimension's totals; returns those totals and stops it.
     */
    Map<String, Map<String, SpendTotals>> runLedger(EmbeddedKafka kafka, String applicationId, List<UsageEvent> events) {
        LedgerProperties properties = new LedgerProperties(applicationId, dir.resolve("state-" + applicationId), 1, 1, "flag");
        try (LedgerService ledger = new LedgerService(kafka.bootstrapServers(), properties, PriceCatalog.bundled(),
                ZoneOffset.UTC, spend -> {})) {
            ledger.start();
            Set<String> months = events.stream().map(e -> SpendPeriod.MONTH.of(e.finishedAt())).collect(Collectors.toSet());
            long grouped = events.stream().filter(e -> e.keyGroupId() != null).count();
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> requests(ledger, SpendDimension.KEY, months) == EVENTS
                            && requests(ledger, SpendDimension.MODEL, months) == EVENTS
                            && requests(ledger, SpendDimension.PROVIDER, months) == EVENTS
                            && requests(ledger, SpendDimension.KEY_GROUP, months) == grouped);
            Map<String, Map<String, SpendTotals>> stores = new TreeMap<>();
            for (SpendDimension dimension : SpendDimension.values()) {
                for (SpendPeriod period : SpendPeriod.values()) {
                    for (String start : new TreeSet<>(events.stream().map(e -> period.of(e.finishedAt())).toList())) {
                        stores.put(dimension.id() + "|" + period.id() + "|" + start, ledger.totals(dimension, period, start));
                    }
                }
            }
            return stores;
        }
    }

    static long requests(LedgerService ledger, SpendDimension dimension, Set<String> months) {
        return months.stream().flatMap(month -> ledger.totals(dimension, SpendPeriod.MONTH, month).values().stream())
                .mapToLong(SpendTotals::requests).sum();
    }

    /** Copies every usage record to the other broker: same partition and order, same key, value bytes, timestamp and headers. */
    static long copyUsage(String from, String to) {
        long copied = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, from, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, to, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    // the idempotent producer keeps the order within a partition, retries included
                    producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
                            record.value(), record.headers()));
                    copied++;
                }
            }
            producer.flush();
        }
        return copied;
    }

    /** The records by id, failing on an id seen twice. */
    static Map<String, SpendRecord> once(List<ConsumerRecord<String, SpendRecord>> records) {
        Map<String, SpendRecord> byId = new HashMap<>();
        List<String> twice = new ArrayList<>();
        for (ConsumerRecord<String, SpendRecord> record : records) {
            if (byId.put(record.value().id(), record.value()) != null) {
                twice.add(record.value().id());
            }
        }
        assertThat(twice).as("usage ids priced twice").isEmpty();
        return byId;
    }

    /** Records and total micro-USD per value. */
    static Map<String, List<Long>> totals(java.util.Collection<SpendRecord> records,
            java.util.function.Function<SpendRecord, String> by) {
        Map<String, List<Long>> totals = new TreeMap<>();
        for (SpendRecord record : records) {
            totals.merge(by.apply(record), List.of(1L, record.totalMicros()),
                    (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
        }
        return totals;
    }

    static SpendRecord withoutPricedAt(SpendRecord r) {
        return new SpendRecord(r.id(), r.requestId(), r.keyId(), r.alias(), r.provider(), r.providerModel(), r.endpoint(),
                r.outcome(), r.promptTokens(), r.completionTokens(), r.cachedTokens(), r.inputMicros(), r.cachedInputMicros(),
                r.outputMicros(), r.totalMicros(), r.priceVersion(), r.unpriced(), r.usageEstimated(), r.occurredAt(), null,
                r.keyGroupId(), r.mediaMicros(), r.markup(), r.costMicros());
    }
}
