package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.embedded.EmbeddedKafka;
import io.conduit.server.infra.TopicProvisioner;
import io.conduit.server.support.ConduitProcess;
import io.conduit.server.support.LedgerData;
import io.conduit.server.support.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger role as its own process ({@code java -jar conduit.jar}, {@code CONDUIT_ROLES=ledger}) is killed
 * with SIGKILL five times while 100,000 usage events (plus redeliveries of some of them) are produced, and
 * restarted each time. Afterwards {@code conduit.spend.v1}, read {@code read_committed}, holds exactly one
 * record per usage event with the amount computed here independently, to the micro-dollar; so do the
 * PostgreSQL sink and the budget state.
 *
 * <p>The ledger gets a Kafka broker of its own (100,000 events on the shared broker's usage topic would have
 * to be worked through by every ledger the other tests start) and a database of its own in the test PostgreSQL.
 */
class LedgerCrashIT {

    static final int EVENTS = 100_000;
    static final int REDELIVERED = 5_000;
    static final int KILLS = 5;
    /** Usage sent per second: production spans the kills, which follow the ledger's restarts. */
    static final int SEND_RATE = 700;
    static final String APPLICATION_ID = "conduit-ledger";
    /** The ledger processes' logs, kept for a look after a failure. */
    static final Path LOGS = Path.of("target/ledger-crash");

    @TempDir
    Path dir;

    final List<String> timeline = new ArrayList<>();
    final long started = System.nanoTime();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void prices_every_usage_event_exactly_once_through_five_sigkills_of_the_ledger_process() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        String run = "crash" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(LOGS);
        try (var old = Files.list(LOGS)) {
            for (Path log : old.toList()) {
                Files.delete(log);
            }
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(dir.resolve("kafka")))) {
            String bootstrap = kafka.bootstrapServers();
            TopicProvisioner.ensure(bootstrap, Topics.all(), (short) 1, Duration.ofSeconds(60));
            String database = "ledger_" + run;
            Map<String, String> env = infra.environment("ledger");
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("DATABASE_URL", LedgerData.freshDatabase(infra, database));
            env.put("CONDUIT_DATA_DIR", dir.resolve("ledger-data").toString());

            List<UsageEvent> events = LedgerData.usage(run, EVENTS, 7, LedgerData.now());
            Map<String, SpendRecord> expected = LedgerData.expected(events);
            List<UsageEvent> sends = LedgerData.withRedeliveries(events, REDELIVERED, 11);

            AtomicInteger sent = new AtomicInteger();
            ConduitProcess ledger = start(env, 1);
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(bootstrap, sends, sent),
                    runnable -> Thread.ofPlatform().name("usage-producer").start(runnable));
            try {
                for (int kill = 1; kill <= KILLS; kill++) {
                    ledger = killAndRestart(ledger, kill, sends.size(), sent, bootstrap, env);
                }
                producing.get(3, TimeUnit.MINUTES);
                note("all %d usage records sent", sends.size());
                Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> LedgerData.caughtUp(bootstrap, APPLICATION_ID, Topics.USAGE.name()));
                note("ledger caught up with the usage topic");

                verifySpendStream(bootstrap, expected);
                verifyBudgetState(bootstrap, expected);
                verifyPostgres(infra, database, expected);
            } finally {
                ledger.stop(30);
                Files.write(Path.of("target/ledger-crash.txt"), timeline);
                timeline.forEach(System.out::println);
            }
            assertThat(ledger.log()).doesNotContain("Ledger stream thread failed");
        }
    }

    /** When a kill comes, in the life of the process it kills. */
    enum Moment {
        /** Pricing: it has committed {@link #PROGRESS} spend records since it started (a transaction is open: it commits every 100 ms). */
        PROCESSING,
        /** Its topology has just started: it is rejoining the group, wiping and restoring its state from the changelogs. */
        RESTORING,
        /** Its first spend records after a restart are committed: catching up with the usage that arrived while it was down. */
        CATCHING_UP
    }

    static final Moment[] SCHEDULE = {Moment.PROCESSING, Moment.RESTORING, Moment.PROCESSING, Moment.CATCHING_UP, Moment.PROCESSING};
    static final int PROGRESS = 500;

    /** Kills at the {@link #SCHEDULE}d moment, once at least {@code kill}/6 of the usage is sent, and starts the next process. */
    ConduitProcess killAndRestart(ConduitProcess ledger, int kill, int total, AtomicInteger sent, String bootstrap,
            Map<String, String> env) {
        long atStart = LedgerData.sum(LedgerData.endOffsets(bootstrap, Topics.SPEND.name(), true));
        Moment moment = SCHEDULE[kill - 1];
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> switch (moment) {
            case RESTORING -> ledger.log().contains("Ledger started");
            case CATCHING_UP -> LedgerData.sum(LedgerData.endOffsets(bootstrap, Topics.SPEND.name(), true)) > atStart;
            case PROCESSING -> sent.get() >= kill * total / 6
                    && LedgerData.sum(LedgerData.endOffsets(bootstrap, Topics.SPEND.name(), true)) >= atStart + PROGRESS;
        });
        ledger.kill();
        long spend = LedgerData.sum(LedgerData.endOffsets(bootstrap, Topics.SPEND.name(), false));
        note("SIGKILL %d of pid %d (%s): %d usage records sent, spend topic at offset %d (open and aborted transactions"
                + " included)", kill, ledger.pid(), moment.name().toLowerCase(java.util.Locale.ROOT), sent.get(), spend);
        return start(env, kill + 1);
    }

    ConduitProcess start(Map<String, String> env, int number) {
        ConduitProcess process = ConduitProcess.start(env, dir.resolve("ledger-work"), LOGS.resolve("ledger-" + number + ".log"),
                // C1 only: the JVM starts in about half the time on a busy 2-core machine; the test is about what
                // the ledger writes, not how fast
                -1, "-Xmx512m", "-XX:TieredStopAtLevel=1");
        note("ledger process %d started, pid %d", number, process.pid());
        return process;
    }

    /** Sends at {@link #SEND_RATE} per second, in order. */
    static void produce(String bootstrap, List<UsageEvent> sends, AtomicInteger sent) {
        long begin = System.nanoTime();
        try (KafkaProducer<String, UsageEvent> producer = LedgerData.usageProducer(bootstrap)) {
            for (int i = 0; i < sends.size(); i++) {
                UsageEvent event = sends.get(i);
                producer.send(new ProducerRecord<>(Topics.USAGE.name(), Topics.USAGE.keyFor(event), event));
                sent.set(i + 1);
                long due = begin + (long) ((i + 1) * 1e9 / SEND_RATE);
                long ahead = due - System.nanoTime();
                if (ahead > 0) {
                    LockSupport.parkNanos(ahead);
                }
            }
            producer.flush();
        }
    }

    void verifySpendStream(String bootstrap, Map<String, SpendRecord> expected) {
        Map<String, Integer> copies = new HashMap<>();
        List<String> wrong = new ArrayList<>();
        long total = 0;
        for (ConsumerRecord<String, SpendRecord> record : LedgerData.spend(bootstrap)) {
            SpendRecord spend = record.value();
            copies.merge(spend.id(), 1, Integer::sum);
            SpendRecord want = expected.get(spend.id());
            if (want == null || !sameCharge(spend, want)) {
                wrong.add(spend.id());
            }
            total += spend.totalMicros();
        }
        long expectedTotal = expected.values().stream().mapToLong(SpendRecord::totalMicros).sum();
        List<String> duplicated = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        List<String> missing = expected.keySet().stream().filter(id -> !copies.containsKey(id)).toList();
        note("spend stream: %d records, %d distinct ids, %d duplicated, %d missing, %d priced differently; total %d micro-USD, expected %d",
                copies.values().stream().mapToInt(Integer::intValue).sum(), copies.size(), duplicated.size(), missing.size(),
                wrong.size(), total, expectedTotal);
        assertThat(duplicated).as("usage ids with more than one spend record").isEmpty();
        assertThat(missing).as("usage ids without a spend record").isEmpty();
        assertThat(wrong).as("spend records not matching their usage event").isEmpty();
        assertThat(copies).hasSize(EVENTS);
        assertThat(total).isEqualTo(expectedTotal);
        assertThat(expected.values().stream().filter(SpendRecord::unpriced).count()).as("the load has unpriced calls").isPositive();
    }

    static boolean sameCharge(SpendRecord actual, SpendRecord expected) {
        return actual.totalMicros() == expected.totalMicros() && actual.inputMicros() == expected.inputMicros()
                && actual.cachedInputMicros() == expected.cachedInputMicros() && actual.outputMicros() == expected.outputMicros()
                && actual.unpriced() == expected.unpriced() && actual.keyId().equals(expected.keyId())
                && actual.occurredAt().equals(expected.occurredAt()) && actual.outcome().equals(expected.outcome());
    }

    /**
     * The compacted budget state's latest value per key and key group: what each spent ever, and how many charged
     * records. It is computed after a repartition, so it may trail the spend stream a little: waits until it has
     * counted as many records as expected, then compares (a record counted twice would show as a difference).
     */
    void verifyBudgetState(String bootstrap, Map<String, SpendRecord> expected) {
        Map<String, long[]> want = new HashMap<>();
        for (SpendRecord spend : expected.values()) {
            if (spend.totalMicros() == 0) {
                continue;
            }
            add(want, BudgetState.key(BudgetState.KEY, spend.keyId()), spend.totalMicros());
            if (spend.keyGroupId() != null) {
                add(want, BudgetState.key(BudgetState.KEY_GROUP, spend.keyGroupId()), spend.totalMicros());
            }
        }
        long wantRecords = want.values().stream().mapToLong(t -> t[1]).sum();
        Map<String, long[]> got = new HashMap<>();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            got.clear();
            LedgerData.readCommitted(bootstrap, Topics.BUDGET_STATE.name(), Topics.BUDGET_STATE.valueSerde().deserializer(),
                    record -> got.put(record.key(), new long[] {record.value().totalMicros(), record.value().records()}));
            return got.values().stream().mapToLong(t -> t[1]).sum() >= wantRecords;
        });
        note("budget state: %d scopes, %d records counted, expected %d", got.size(),
                got.values().stream().mapToLong(t -> t[1]).sum(), wantRecords);
        assertThat(got.keySet()).isEqualTo(want.keySet());
        want.forEach((key, amounts) -> assertThat(got.get(key)).as(key + " total micros, records").containsExactly(amounts));
    }

    static void add(Map<String, long[]> totals, String key, long micros) {
        long[] t = totals.computeIfAbsent(key, k -> new long[2]);
        t[0] += micros;
        t[1]++;
    }

    void verifyPostgres(TestInfrastructure infra, String database, Map<String, SpendRecord> expected) throws Exception {
        long expectedTotal = expected.values().stream().mapToLong(SpendRecord::totalMicros).sum();
        try (Connection db = DriverManager.getConnection(LedgerData.jdbcUrl(infra, database), infra.dbUser(), infra.dbPassword())) {
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> query(db, "select count(*) from spend_records")[0] >= EVENTS);
            long[] records = query(db, "select count(*), count(distinct id), coalesce(sum(total_micros), 0) from spend_records");
            long[] daily = query(db, "select coalesce(sum(requests), 0), coalesce(sum(total_micros), 0) from spend_daily");
            note("postgres: spend_records %d rows (%d ids), %d micro-USD; spend_daily %d requests, %d micro-USD", records[0],
                    records[1], records[2], daily[0], daily[1]);
            assertThat(records).containsExactly(EVENTS, EVENTS, expectedTotal);
            assertThat(daily).containsExactly(EVENTS, expectedTotal);
        }
    }

    static long[] query(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            long[] values = new long[rows.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.getLong(i + 1);
            }
            return values;
        }
    }

    void note(String format, Object... args) {
        timeline.add(String.format("%7.1f s  ", (System.nanoTime() - started) / 1e9) + String.format(format, args));
        System.out.println(timeline.getLast());
    }
}
