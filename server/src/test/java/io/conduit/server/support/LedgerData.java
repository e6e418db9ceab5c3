package io.conduit.server.support;

import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.SpendCalculator;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Usage made up for ledger tests (many keys and models, failures, unpriced calls, long prompts), the
 * amounts the ledger must arrive at — computed here with {@link SpendCalculator} and the bundled
 * {@link PriceCatalog}, independently of the ledger — and plain Kafka clients for any broker.
 */
public final class LedgerData {

    /** Provider and model pairs: priced in the bundled catalog, except the last one. */
    static final String[][] MODELS = {
        {"openai", "gpt-4o-mini"}, {"openai", "gpt-4o"}, {"anthropic", "claude-sonnet-4-20250514"},
        {"gemini", "gemini-2.0-flash"}, {"vertex_ai", "gemini-2.5-pro"}, {"azure_openai", "o3-mini"},
        {"openai", "conduit-finetune-unpriced"}};
    static final String UNPRICED_MODEL = "conduit-finetune-unpriced";

    private LedgerData() {}

    /**
     * {@code count} distinct usage events of keys {@code <run>-key-0..11} (two thirds in groups
     * {@code <run>-team-0..1}), finished over the two days before {@code end}: about 80 % succeeded, the rest
     * client aborts, cut streams, upstream errors, timeouts and unreachable providers; 1 in 50 of an unpriced
     * model; some prompts over 200,000 tokens (the long-context tier). Deterministic for a seed.
     */
    public static List<UsageEvent> usage(String run, int count, long seed, Instant end) {
        Random random = new Random(seed);
        Instant start = end.minus(Duration.ofDays(2));
        long spanMillis = Duration.between(start, end).toMillis();
        List<UsageEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] model = random.nextInt(50) == 0 ? MODELS[MODELS.length - 1]
                    : MODELS[random.nextInt(MODELS.length - 1)];
            int key = random.nextInt(12);
            int draw = random.nextInt(100);
            Outcome outcome = draw < 80 ? Outcome.OK : draw < 85 ? Outcome.CLIENT_ABORTED : draw < 88 ? Outcome.UPSTREAM_CUT
                    : draw < 94 ? Outcome.UPSTREAM_ERROR : draw < 97 ? Outcome.UPSTREAM_TIMEOUT : Outcome.UPSTREAM_UNREACHABLE;
            boolean failed = outcome != Outcome.OK && outcome != Outcome.CLIENT_ABORTED && outcome != Outcome.UPSTREAM_CUT;
            long prompt = failed ? 0 : random.nextInt(200) == 0 ? 200_001 + random.nextInt(50_000) : 1 + random.nextInt(12_000);
            long cached = failed || random.nextBoolean() ? 0 : random.nextLong(prompt + 1);
            long completion = failed ? 0 : random.nextInt(4_000);
            Instant finished = start.plusMillis(random.nextLong(spanMillis));
            long latency = 50 + random.nextInt(5_000);
            UsageEvent event = new UsageEvent(new UUID(random.nextLong(), random.nextLong()).toString(), "req-" + run + "-" + i,
                    run + "-key-" + key, "alias-" + model[1], model[0], model[1], "chat.completions", prompt, completion,
                    cached, completion / 10, outcome == Outcome.CLIENT_ABORTED || outcome == Outcome.UPSTREAM_CUT,
                    failed ? (outcome == Outcome.UPSTREAM_ERROR ? 503 : 0) : 200, outcome, random.nextBoolean(), latency,
                    failed ? null : Long.valueOf(latency / 3), finished.minusMillis(latency), finished);
            events.add(key % 3 == 0 ? event : event.withKeyGroup(run + "-team-" + (key % 2)));
        }
        return events;
    }

    /** What the ledger must write for each event, by usage id: priced here with the bundled catalog. */
    public static Map<String, SpendRecord> expected(List<UsageEvent> events) {
        SpendCalculator calculator = new SpendCalculator(Clock.systemUTC());
        Map<String, SpendRecord> expected = new LinkedHashMap<>();
        for (UsageEvent event : events) {
            expected.put(event.id(), calculator.price(event, PriceCatalog.bundled()));
        }
        return expected;
    }

    /** The events in the order they are sent: each of {@code duplicates} events is sent again, a little later. */
    public static List<UsageEvent> withRedeliveries(List<UsageEvent> events, int duplicates, long seed) {
        Random random = new Random(seed);
        List<UsageEvent> sends = new ArrayList<>(events);
        for (int i = 0; i < duplicates; i++) {
            int original = random.nextInt(events.size());
            int at = Math.min(sends.size(), original + 1 + random.nextInt(2_000) + i);
            sends.add(at, events.get(original));
        }
        return sends;
    }

    /** A producer of usage events as ingress writes them: idempotent, acknowledged by all replicas. */
    public static KafkaProducer<String, UsageEvent> usageProducer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // one batch in flight per partition: on a broker whose topics were just created, the first
                // batches can be refused (NOT_LEADER_OR_FOLLOWER) while later ones of the same partition were
                // taken, and the retried ones then failed for good as out of sequence
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                Topics.USAGE.keySerde().serializer(), Topics.USAGE.valueSerde().serializer());
    }

    /** Every committed record of a topic, from the beginning to its end, as a {@code read_committed} consumer sees it. */
    public static <V> void readCommitted(String bootstrap, String topic, Deserializer<V> values,
            Consumer<ConsumerRecord<String, V>> each) {
        readCommitted(bootstrap, topic, values, Map.of(), each);
    }

    /** The same from these offsets on (the beginning for partitions not given). */
    public static <V> void readCommitted(String bootstrap, String topic, Deserializer<V> values,
            Map<TopicPartition, Long> from, Consumer<ConsumerRecord<String, V>> each) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new org.apache.kafka.common.serialization.StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            from.forEach(consumer::seek);
            // for a read_committed consumer the end is the last stable offset: no open transaction is waited for
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** Every committed spend record, in partition order. */
    public static List<ConsumerRecord<String, SpendRecord>> spend(String bootstrap) {
        return spend(bootstrap, Map.of());
    }

    public static List<ConsumerRecord<String, SpendRecord>> spend(String bootstrap, Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, SpendRecord>> records = new ArrayList<>();
        readCommitted(bootstrap, Topics.SPEND.name(), Topics.SPEND.valueSerde().deserializer(), from, records::add);
        return records;
    }

    /** The end offsets of a topic: its last stable offsets when {@code committedOnly}, else its high watermarks. */
    public static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic, boolean committedOnly) {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            var options = new org.apache.kafka.clients.admin.ListOffsetsOptions(committedOnly
                    ? org.apache.kafka.common.IsolationLevel.READ_COMMITTED : org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED);
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, options).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The offsets a consumer group (a Kafka Streams application id) has committed on a topic. */
    public static Map<TopicPartition, Long> committed(String bootstrap, String group, String topic) {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
                if (partition.topic().equals(topic) && offset != null) {
                    offsets.put(partition, offset.offset());
                }
            });
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the group has committed every partition of the topic up to its end (a consumed transaction marker included). */
    public static boolean caughtUp(String bootstrap, String group, String topic) {
        Map<TopicPartition, Long> ends = endOffsets(bootstrap, topic, false);
        Map<TopicPartition, Long> done = committed(bootstrap, group, topic);
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || done.getOrDefault(end.getKey(), -1L) >= end.getValue());
    }

    public static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A new, empty database in the test PostgreSQL (the process given it migrates its schema); its {@code DATABASE_URL}. */
    public static String freshDatabase(TestInfrastructure infra, String name) {
        try (Connection db = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
                Statement statement = db.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = infra.environment("ledger").get("DATABASE_URL");
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    public static String jdbcUrl(TestInfrastructure infra, String database) {
        String url = infra.jdbcUrl();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /** Now, to the millisecond (as JSON carries it). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
