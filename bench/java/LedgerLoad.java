import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Load for the ledger benchmark (bench/ledger.sh), run with the jars of conduit.jar on the class path:
 * {@code java -cp 'lib/*' LedgerLoad.java COMMAND BOOTSTRAP ...}.
 *
 * <ul>
 *   <li>{@code preload BOOTSTRAP N} — produces N distinct usage events (12 keys, 6 priced models and an
 *       unpriced one, ~20 % failed or cut calls) to conduit.usage.v1 as fast as the broker takes them.
 *   <li>{@code drain BOOTSTRAP N PID} — waits until N more spend records are committed on conduit.spend.v1
 *       than at its start, sampling the committed end offsets every 100 ms; prints the time from the first
 *       to the last record, the rate over the middle 80 %, and the CPU the ledger process PID used.
 *   <li>{@code lag BOOTSTRAP RATE SECONDS} — produces RATE usage events a second for SECONDS (open loop) while
 *       a read_committed consumer reads conduit.spend.v1; the lag of a record is the time it became visible
 *       minus its usage record's produce timestamp (Kafka Streams carries the input timestamp to the output).
 *       Prints p50/p90/p99/max.
 * </ul>
 */
public final class LedgerLoad {

    static final String[][] MODELS = {
        {"openai", "gpt-4o-mini"}, {"openai", "gpt-4o"}, {"anthropic", "claude-sonnet-4-20250514"},
        {"gemini", "gemini-2.0-flash"}, {"vertex_ai", "gemini-2.5-pro"}, {"azure_openai", "o3-mini"},
        {"openai", "bench-unpriced-model"}};

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "preload" -> preload(args[1], Integer.parseInt(args[2]));
            case "drain" -> drain(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]));
            case "lag" -> lag(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static UsageEvent event(Random random, int i, Instant now) {
        String[] model = random.nextInt(50) == 0 ? MODELS[MODELS.length - 1] : MODELS[random.nextInt(MODELS.length - 1)];
        int key = random.nextInt(12);
        int draw = random.nextInt(100);
        Outcome outcome = draw < 80 ? Outcome.OK : draw < 85 ? Outcome.CLIENT_ABORTED : draw < 88 ? Outcome.UPSTREAM_CUT
                : draw < 94 ? Outcome.UPSTREAM_ERROR : draw < 97 ? Outcome.UPSTREAM_TIMEOUT : Outcome.UPSTREAM_UNREACHABLE;
        boolean failed = outcome != Outcome.OK && outcome != Outcome.CLIENT_ABORTED && outcome != Outcome.UPSTREAM_CUT;
        long prompt = failed ? 0 : 1 + random.nextInt(12_000);
        long completion = failed ? 0 : random.nextInt(4_000);
        long latency = 50 + random.nextInt(5_000);
        UsageEvent event = new UsageEvent(new UUID(random.nextLong(), random.nextLong()).toString(), "req-bench-" + i,
                "bench-key-" + key, "alias-" + model[1], model[0], model[1], "chat.completions", prompt, completion, 0,
                completion / 10, false, failed ? 503 : 200, outcome, true, latency, failed ? null : latency / 3,
                now.minusMillis(latency), now);
        return key % 3 == 0 ? event : event.withKeyGroup("bench-team-" + (key % 2));
    }

    static KafkaProducer<String, UsageEvent> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                Topics.USAGE.keySerde().serializer(), Topics.USAGE.valueSerde().serializer());
    }

    static void preload(String bootstrap, int count) {
        // a new seed each run: events of an earlier run (same ids) would be deduplicated, not priced
        Random random = new Random(System.nanoTime());
        long start = System.nanoTime();
        try (KafkaProducer<String, UsageEvent> producer = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                UsageEvent event = event(random, i, now);
                producer.send(new ProducerRecord<>(Topics.USAGE.name(), event.keyId(), event));
            }
            producer.flush();
        }
        System.out.printf("preloaded %d usage events in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
    }

    static long committedEnd(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < Topics.SPEND.partitions(); p++) {
            latest.put(new TopicPartition(Topics.SPEND.name(), p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    /**
     * End offsets also count one transaction marker per partition and commit; the number of records is
     * counted by reading them, so the rate is that of spend records, markers excluded.
     */
    static void drain(String bootstrap, long count, long pid) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.SPEND.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.SPEND.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long cpuStart = cpuMillis(pid);
            long wallStart = System.nanoTime();
            long seen = 0;
            long first = 0;
            long at10 = 0;
            long at90 = 0;
            long last = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + count + " spend records after 20 minutes");
                }
                int got = consumer.poll(Duration.ofMillis(100)).count();
                if (got == 0) {
                    continue;
                }
                long now = System.nanoTime();
                if (seen == 0) {
                    first = now;
                }
                seen += got;
                if (at10 == 0 && seen >= count / 10) {
                    at10 = now;
                }
                if (at90 == 0 && seen >= count * 9 / 10) {
                    at90 = now;
                }
                last = now;
            }
            long cpu = cpuMillis(pid) - cpuStart;
            double firstToLast = (last - first) / 1e9;
            double middle = (at90 - at10) / 1e9;
            System.out.printf("drained %d spend records: %.1f s from process start to the last, %.1f s from the first to the last"
                            + " (%.0f records/s); middle 80 %%: %.0f records/s; ledger CPU %.1f s = %.0f us per record%n", seen,
                    (last - wallStart) / 1e9, firstToLast, seen / firstToLast, count * 0.8 / middle, cpu / 1e3,
                    cpu * 1e3 / seen);
        }
    }

    static void lag(String bootstrap, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long[] lags = new long[total];
        int[] received = new int[1];
        Thread reader = Thread.ofPlatform().name("spend-reader").start(() -> {
            try (KafkaConsumer<String, SpendRecord> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
                    new org.apache.kafka.common.serialization.StringDeserializer(), Topics.SPEND.valueSerde().deserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < Topics.SPEND.partitions(); p++) {
                    partitions.add(new TopicPartition(Topics.SPEND.name(), p));
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                synchronized (received) {
                    received.notifyAll();
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(seconds + 60).toNanos();
                int n = 0;
                while (n < total && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, SpendRecord> record : consumer.poll(Duration.ofMillis(50))) {
                        long visible = System.currentTimeMillis();
                        if (record.value().requestId().startsWith("req-lag-") && n < total) {
                            lags[n++] = visible - record.timestamp();
                        }
                    }
                }
                received[0] = n;
            }
        });
        synchronized (received) {
            received.wait(10_000);
        }
        Random random = new Random(System.nanoTime());
        long begin = System.nanoTime();
        try (KafkaProducer<String, UsageEvent> producer = producer(bootstrap)) {
            for (int i = 0; i < total; i++) {
                long due = begin + (long) (i * 1e9 / rate);
                long ahead = due - System.nanoTime();
                if (ahead > 0) {
                    LockSupport.parkNanos(ahead);
                }
                UsageEvent event = event(random, i, Instant.now().truncatedTo(ChronoUnit.MILLIS));
                event = new UsageEvent(event.id(), "req-lag-" + i, event.keyId(), event.alias(), event.provider(),
                        event.providerModel(), event.endpoint(), event.promptTokens(), event.completionTokens(),
                        event.cachedTokens(), event.reasoningTokens(), event.usageEstimated(), event.httpStatus(),
                        event.outcome(), event.streamed(), event.latencyMs(), event.timeToFirstTokenMs(), event.startedAt(),
                        event.finishedAt(), event.keyGroupId(), null);
                producer.send(new ProducerRecord<>(Topics.USAGE.name(), event.keyId(), event));
            }
        }
        double sendSeconds = (System.nanoTime() - begin) / 1e9;
        reader.join();
        int n = received[0];
        long[] sorted = Arrays.copyOf(lags, n);
        Arrays.sort(sorted);
        System.out.printf("lag: %d usage events sent at %d/s over %.1f s, %d spend records read; produce to visible"
                        + " (read_committed) p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", total, rate, sendSeconds, n,
                percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99), n == 0 ? -1 : sorted[n - 1]);
        if (n < total) {
            throw new IllegalStateException("only " + n + " of " + total + " spend records arrived");
        }
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.ceil(sorted.length * p) - 1];
    }

    static long cpuMillis(long pid) throws Exception {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
