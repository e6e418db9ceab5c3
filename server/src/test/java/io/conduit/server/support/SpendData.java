package io.conduit.server.support;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Spend records for tests: made up, published to {@code conduit.spend.v1}, read back from the topic and from PostgreSQL. */
public final class SpendData {

    private SpendData() {}

    /** {@code count} records of keys {@code <run>-key-0..2}, some in groups, some unpriced, over three UTC days. */
    public static List<SpendRecord> records(String run, int count, long seed) {
        Random random = new Random(seed);
        List<SpendRecord> records = new ArrayList<>();
        Instant base = Instant.parse("2026-11-20T22:00:00Z");
        String[] models = {"gpt-4o-mini", "gpt-4o", "claude-sonnet-4"};
        String[] providers = {"openai", "openai", "anthropic"};
        for (int i = 0; i < count; i++) {
            int m = random.nextInt(models.length);
            boolean unpriced = random.nextInt(10) == 0;
            long input = unpriced ? 0 : random.nextLong(5_000);
            long cached = unpriced ? 0 : random.nextLong(500);
            long output = unpriced ? 0 : random.nextLong(20_000);
            long media = unpriced || i % 7 != 0 ? 0 : random.nextLong(40_000);
            Instant at = base.plusSeconds(i * 613L);
            records.add(new SpendRecord(UUID.randomUUID().toString(), "req-" + i, run + "-key-" + (i % 3),
                    "alias-" + models[m], providers[m], models[m], "chat.completions", i % 5 == 0 ? "client_aborted" : "ok",
                    random.nextLong(10_000), random.nextLong(2_000), random.nextLong(1_000), input, cached, output,
                    input + cached + output + media, "test-1", unpriced, i % 5 == 0, at, at.plusMillis(40),
                    i % 3 == 0 ? null : run + "-team-" + (i % 2), media));
        }
        return records;
    }

    /** Publishes (idempotent producer, keyed by virtual key); returns the offset after the last record per partition. */
    public static Map<TopicPartition, Long> publish(Collection<SpendRecord> records) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (KafkaProducer<String, SpendRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                Topics.SPEND.keySerde().serializer(), Topics.SPEND.valueSerde().serializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (SpendRecord record : records) {
                sent.add(producer.send(new ProducerRecord<>(Topics.SPEND.name(), Topics.SPEND.keyFor(record), record)));
            }
            producer.flush();
            for (var future : sent) {
                RecordMetadata metadata = future.get();
                ends.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset() + 1, Math::max);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return ends;
    }

    /** True when the group has committed at least these offsets. */
    public static boolean committed(String group, Map<TopicPartition, Long> ends) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(end -> offsets.get(end.getKey()) != null
                    && offsets.get(end.getKey()).offset() >= end.getValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the group back to the start of every partition (the group must have no live member). */
    public static void rewind(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (int p = 0; p < Topics.SPEND.partitions(); p++) {
                start.put(new TopicPartition(Topics.SPEND.name(), p), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets(group, start).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every committed record of {@code conduit.spend.v1} matching, once per id, as a finance tool would read it. */
    public static Map<String, SpendRecord> fromTopic(Predicate<SpendRecord> matching) {
        Map<String, SpendRecord> byId = new LinkedHashMap<>();
        try (KafkaConsumer<String, SpendRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.SPEND.keySerde().deserializer(), Topics.SPEND.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SPEND.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(java.time.Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() != null && matching.test(r.value())) {
                        byId.putIfAbsent(r.value().id(), r.value());
                    }
                });
            }
        }
        return byId;
    }

    /** The {@code spend_daily} columns a test compares: group → requests, unpriced, tokens and every charge. */
    public static Map<List<Object>, List<Long>> expectedDaily(Collection<SpendRecord> unique) {
        Map<List<Object>, List<Long>> daily = new HashMap<>();
        for (SpendRecord r : unique) {
            List<Object> group = List.of(r.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString(), r.keyId(),
                    r.keyGroupId() == null ? "" : r.keyGroupId(), r.alias(), r.provider(), r.providerModel());
            List<Long> amounts = List.of(1L, r.unpriced() ? 1L : 0L, r.promptTokens(), r.completionTokens(), r.cachedTokens(),
                    r.inputMicros(), r.cachedInputMicros(), r.outputMicros(), r.mediaMicros(), r.totalMicros());
            daily.merge(group, amounts, (a, b) -> {
                List<Long> sum = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    sum.add(a.get(i) + b.get(i));
                }
                return sum;
            });
        }
        return daily;
    }

    /** {@code spend_daily} rows of keys starting with the prefix, shaped as {@link #expectedDaily}. */
    public static Map<List<Object>, List<Long>> daily(Connection db, String keyPrefix) throws SQLException {
        Map<List<Object>, List<Long>> daily = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("""
                select day::text, key_id, key_group_id, alias, provider, provider_model, requests, unpriced_requests,
                       prompt_tokens, completion_tokens, cached_tokens, input_micros, cached_input_micros,
                       output_micros, media_micros, total_micros
                from spend_daily where key_id like ?""")) {
            query.setString(1, keyPrefix + "%");
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    List<Object> group = List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6));
                    List<Long> amounts = new ArrayList<>();
                    for (int c = 7; c <= 16; c++) {
                        amounts.add(rs.getLong(c));
                    }
                    daily.put(group, amounts);
                }
            }
        }
        return daily;
    }

    /** Rows in {@code spend_records} and the sum of their {@code total_micros}, for keys starting with the prefix. */
    public static long[] stored(Connection db, String keyPrefix) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "select count(*), coalesce(sum(total_micros), 0) from spend_records where key_id like ?")) {
            query.setString(1, keyPrefix + "%");
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
