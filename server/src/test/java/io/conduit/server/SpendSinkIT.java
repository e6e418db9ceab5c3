package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.embedded.EmbeddedPostgres;
import io.conduit.ledger.sink.SpendSink;
import io.conduit.ledger.sink.SpendSinkProperties;
import io.conduit.ledger.sink.SpendStore;
import io.conduit.server.infra.DatabaseMigrations;
import io.conduit.server.infra.TopicProvisioner;
import io.conduit.server.settings.DatabaseUrl;
import io.conduit.server.support.SpendData;
import io.conduit.server.support.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger's PostgreSQL sink on a real broker and a real PostgreSQL: every spend record stored once,
 * daily aggregates exact to the micro-dollar through duplicates, restarts, redelivery and a database outage.
 */
class SpendSinkIT {

    static final TestInfrastructure infra = TestInfrastructure.get();

    @BeforeAll
    static void topicsAndSchema() {
        TopicProvisioner.ensure(infra.kafkaBootstrap(), Topics.all(), (short) 1, Duration.ofSeconds(60));
        DatabaseMigrations.migrate(new DatabaseUrl(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword()));
    }

    static String run() {
        return "sink-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static SpendSink sink(String group, DataSource database) {
        SpendSink sink = new SpendSink(infra.kafkaBootstrap(), SpendSinkProperties.defaults().withGroupId(group)
                .withMaxBatch(25).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)), new SpendStore(database));
        sink.start();
        return sink;
    }

    static PGSimpleDataSource dataSource(String jdbcUrl, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setConnectTimeout(2);
        dataSource.setSocketTimeout(10);
        return dataSource;
    }

    static Connection sharedDb() throws Exception {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
    }

    static Map<TopicPartition, Long> merge(Map<TopicPartition, Long> a, Map<TopicPartition, Long> b) {
        Map<TopicPartition, Long> merged = new HashMap<>(a);
        b.forEach((partition, end) -> merged.merge(partition, end, Math::max));
        return merged;
    }

    @Test
    void stores_every_record_once_and_daily_sums_stay_exact_through_duplicates_a_restart_and_redelivery() throws Exception {
        String run = run();
        String group = "spend-sink-it-" + run;
        DataSource database = dataSource(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
        List<SpendRecord> records = SpendData.records(run, 400, 42);
        List<SpendRecord> firstHalf = records.subList(0, 200);
        List<SpendRecord> secondHalf = records.subList(200, 400);

        // first half, a quarter of it sent twice
        List<SpendRecord> phase1 = new ArrayList<>(firstHalf);
        phase1.addAll(firstHalf.subList(0, 50));
        Map<TopicPartition, Long> ends = SpendData.publish(phase1);
        SpendSink first = sink(group, database);
        Map<TopicPartition, Long> phase1Ends = ends;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> SpendData.committed(group, phase1Ends));
        first.close();
        try (Connection db = sharedDb()) {
            assertThat(SpendData.stored(db, run)[0]).isEqualTo(200);
        }
        assertThat(first.stats().duplicates()).isGreaterThanOrEqualTo(50);

        // the sink is down while the rest arrives, with duplicates of both halves
        List<SpendRecord> phase2 = new ArrayList<>(secondHalf);
        phase2.addAll(firstHalf.subList(100, 130));
        phase2.addAll(secondHalf.subList(0, 70));
        ends = merge(ends, SpendData.publish(phase2));
        // as if the sink had crashed after its database commits but before committing any offset
        SpendData.rewind(group);
        SpendSink second = sink(group, database);
        Map<TopicPartition, Long> allEnds = ends;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> SpendData.committed(group, allEnds));
        second.close();

        Map<String, SpendRecord> topic = SpendData.fromTopic(r -> r.keyId().startsWith(run));
        assertThat(topic).hasSize(400);
        long topicMicros = topic.values().stream().mapToLong(SpendRecord::totalMicros).sum();
        try (Connection db = sharedDb()) {
            long[] stored = SpendData.stored(db, run);
            assertThat(stored[0]).isEqualTo(400);
            assertThat(stored[1]).isEqualTo(topicMicros);
            Map<List<Object>, List<Long>> daily = SpendData.daily(db, run);
            assertThat(daily).isEqualTo(SpendData.expectedDaily(topic.values()));
            assertThat(daily.values().stream().mapToLong(amounts -> amounts.get(9)).sum()).isEqualTo(topicMicros);
            assertThat(daily.values().stream().mapToLong(amounts -> amounts.getFirst()).sum()).isEqualTo(400);
        }
        // everything the second sink read of this run had been stored before (rewound) or was a duplicate
        assertThat(second.stats().duplicates()).isGreaterThanOrEqualTo(200 + 100);
        assertThat(second.stats().failedWrites()).isZero();
    }

    @Test
    void skips_only_a_record_postgresql_refuses_and_stores_the_rest_of_its_batch() throws Exception {
        String run = run();
        String group = "spend-sink-refused-" + run;
        List<SpendRecord> records = new ArrayList<>(SpendData.records(run, 10, 11));
        SpendRecord valid = records.get(4);
        // beyond PostgreSQL's timestamp range (year 294276): a data exception (SQL state class 22) on every attempt
        Instant far = Instant.parse("+300000-01-01T00:00:00Z");
        records.set(4, new SpendRecord(valid.id(), valid.requestId(), valid.keyId(), valid.alias(), valid.provider(),
                valid.providerModel(), valid.endpoint(), valid.outcome(), valid.promptTokens(), valid.completionTokens(),
                valid.cachedTokens(), valid.inputMicros(), valid.cachedInputMicros(), valid.outputMicros(),
                valid.totalMicros(), valid.priceVersion(), valid.unpriced(), valid.usageEstimated(), far, far,
                valid.keyGroupId(), valid.mediaMicros()));
        Map<TopicPartition, Long> ends = SpendData.publish(records);
        SpendSink sink = sink(group, dataSource(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword()));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SpendData.committed(group, ends));
        } finally {
            sink.close();
        }

        List<SpendRecord> stored = new ArrayList<>(records);
        stored.remove(4);
        assertThat(sink.stats().rejected()).isEqualTo(1);
        try (Connection db = sharedDb()) {
            assertThat(SpendData.stored(db, run)[0]).isEqualTo(9);
            assertThat(SpendData.daily(db, run)).isEqualTo(SpendData.expectedDaily(stored));
        }
    }

    @Test
    void keeps_retrying_while_postgresql_is_down_and_loses_nothing() throws Exception {
        String run = run();
        String group = "spend-sink-outage-" + run;
        Path dir = Files.createTempDirectory("spend-sink-pg");
        EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgres.Config.of(dir));
        int port = postgres.port();
        String jdbcUrl = postgres.jdbcUrl();
        DatabaseMigrations.migrate(new DatabaseUrl(jdbcUrl, postgres.username(), postgres.password()));
        DataSource database = dataSource(jdbcUrl, postgres.username(), postgres.password());
        List<SpendRecord> records = SpendData.records(run, 120, 7);
        SpendSink sink = null;
        try {
            Map<TopicPartition, Long> before = SpendData.publish(records.subList(0, 60));
            sink = sink(group, database);
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SpendData.committed(group, before));

            postgres.close();
            List<SpendRecord> during = new ArrayList<>(records.subList(60, 120));
            during.addAll(records.subList(0, 10));
            Map<TopicPartition, Long> all = merge(before, SpendData.publish(during));
            SpendSink running = sink;
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> running.stats().failedWrites() >= 3);
            assertThat(SpendData.committed(group, all)).as("no offset committed while PostgreSQL is down").isFalse();

            postgres = EmbeddedPostgres.start(EmbeddedPostgres.Config.of(dir).withPort(port));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SpendData.committed(group, all));

            Map<String, SpendRecord> topic = SpendData.fromTopic(r -> r.keyId().startsWith(run));
            try (Connection db = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password())) {
                long[] stored = SpendData.stored(db, run);
                assertThat(stored[0]).isEqualTo(120);
                assertThat(stored[1]).isEqualTo(topic.values().stream().mapToLong(SpendRecord::totalMicros).sum());
                assertThat(SpendData.daily(db, run)).isEqualTo(SpendData.expectedDaily(topic.values()));
            }
        } finally {
            if (sink != null) {
                sink.close();
            }
            postgres.close();
        }
    }
}
