package io.conduit.ledger.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.SpendCalculator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology's spend totals per key, key group, model and provider, by UTC hour, day and month. */
class SpendAggregatesTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:30:00Z");

    TopologyTestDriver driver;
    TestInputTopic<String, UsageEvent> usage;
    TestOutputTopic<String, SpendRecord> spend;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-aggregates-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(LedgerTopology.buildTopology(PriceCatalog::bundled, new SpendCalculator(Clock.systemUTC())),
                config, NOW);
        usage = driver.createInputTopic(Topics.USAGE.name(), Topics.USAGE.keySerde().serializer(), Topics.USAGE.valueSerde().serializer());
        spend = driver.createOutputTopic(Topics.SPEND.name(), Topics.SPEND.keySerde().deserializer(), Topics.SPEND.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static UsageEvent event(String id, String key, String group, String model, long prompt, long completion, Instant at) {
        return new UsageEvent(id, "req-" + id, key, "alias-" + model, "openai", model, "chat.completions", prompt, completion,
                0, 0, false, 200, Outcome.OK, false, 12, 4L, at, at, group, null);
    }

    void send(UsageEvent event) {
        usage.pipeInput(event.keyId(), event, event.finishedAt());
    }

    KeyValueStore<String, SpendTotals> store(SpendDimension dimension) {
        return driver.getKeyValueStore(dimension.storeName());
    }

    Map<String, SpendTotals> totals(SpendDimension dimension, SpendPeriod period, String start) {
        return SpendAggregates.totals(store(dimension), period, start);
    }

    static SpendTotals sum(List<SpendRecord> records, Predicate<SpendRecord> which) {
        return records.stream().filter(which).reduce(SpendTotals.ZERO, SpendTotals::plus, SpendTotals::plus);
    }

    @Test
    void totals_each_dimension_by_hour_day_and_month_to_the_micro_dollar() {
        Instant tenOClock = Instant.parse("2026-11-23T10:15:00Z");
        Instant elevenOClock = Instant.parse("2026-11-23T11:59:59Z");
        Instant yesterday = Instant.parse("2026-11-22T23:00:00Z");
        Instant lastMonth = Instant.parse("2026-10-31T23:59:59Z");
        send(event("e1", "key-a", "team-1", "gpt-4o-mini", 1_000, 100, tenOClock));
        send(event("e2", "key-a", "team-1", "gpt-4o", 3_333, 777, elevenOClock));
        send(event("e3", "key-b", "team-1", "gpt-4o-mini", 12_345, 6_789, tenOClock));
        send(event("e4", "key-c", null, "gpt-4o-mini", 5, 5, yesterday));
        send(event("e5", "key-a", "team-1", "gpt-4o-mini", 999, 1, lastMonth));
        List<SpendRecord> priced = spend.readValuesToList();
        assertThat(priced).hasSize(5).allSatisfy(r -> assertThat(r.totalMicros()).isPositive());

        Predicate<SpendRecord> today = r -> r.occurredAt().toString().startsWith("2026-11-23");
        Predicate<SpendRecord> november = r -> r.occurredAt().toString().startsWith("2026-11");
        assertThat(totals(SpendDimension.KEY, SpendPeriod.HOUR, "2026-11-23T10")).isEqualTo(Map.of(
                "key-a", sum(priced, r -> r.id().equals("e1")),
                "key-b", sum(priced, r -> r.id().equals("e3"))));
        assertThat(totals(SpendDimension.KEY, SpendPeriod.DAY, "2026-11-23")).isEqualTo(Map.of(
                "key-a", sum(priced, today.and(r -> r.keyId().equals("key-a"))),
                "key-b", sum(priced, today.and(r -> r.keyId().equals("key-b")))));
        assertThat(totals(SpendDimension.KEY, SpendPeriod.MONTH, "2026-11").get("key-a"))
                .isEqualTo(sum(priced, november.and(r -> r.keyId().equals("key-a"))));
        assertThat(totals(SpendDimension.KEY, SpendPeriod.MONTH, "2026-10").get("key-a"))
                .isEqualTo(sum(priced, r -> r.id().equals("e5")));

        // keys in no group are not counted per group
        assertThat(totals(SpendDimension.KEY_GROUP, SpendPeriod.MONTH, "2026-11"))
                .isEqualTo(Map.of("team-1", sum(priced, november.and(r -> r.keyGroupId() != null))));
        assertThat(totals(SpendDimension.KEY_GROUP, SpendPeriod.DAY, "2026-11-22")).isEmpty();

        assertThat(totals(SpendDimension.MODEL, SpendPeriod.DAY, "2026-11-23")).isEqualTo(Map.of(
                "gpt-4o-mini", sum(priced, today.and(r -> r.providerModel().equals("gpt-4o-mini"))),
                "gpt-4o", sum(priced, today.and(r -> r.providerModel().equals("gpt-4o")))));
        SpendTotals novemberOpenAi = totals(SpendDimension.PROVIDER, SpendPeriod.MONTH, "2026-11").get("openai");
        assertThat(novemberOpenAi).isEqualTo(sum(priced, november));
        assertThat(novemberOpenAi.requests()).isEqualTo(4);
        assertThat(novemberOpenAi.promptTokens()).isEqualTo(1_000 + 3_333 + 12_345 + 5);
    }

    @Test
    void a_redelivered_usage_event_is_counted_once() {
        UsageEvent once = event("same", "key-a", "team-1", "gpt-4o-mini", 1_000, 100, NOW);
        send(once);
        send(once);

        SpendRecord priced = spend.readValuesToList().getFirst();
        for (SpendDimension dimension : SpendDimension.values()) {
            assertThat(totals(dimension, SpendPeriod.DAY, "2026-11-23").values()).as(dimension.storeName())
                    .containsExactly(SpendTotals.ZERO.plus(priced));
        }
    }

    @Test
    void counts_unpriced_calls_apart_and_never_charges_them() {
        send(event("u1", "key-a", null, "model-nobody-prices", 1_000, 100, NOW));

        SpendTotals totals = totals(SpendDimension.MODEL, SpendPeriod.HOUR, "2026-11-23T12").get("model-nobody-prices");
        assertThat(totals.requests()).isEqualTo(1);
        assertThat(totals.unpricedRequests()).isEqualTo(1);
        assertThat(totals.totalMicros()).isZero();
    }

    @Test
    void forgets_hourly_totals_after_their_retention_and_keeps_days_and_months() {
        Instant tenDaysAgo = NOW.minus(Duration.ofDays(10));
        send(event("old", "key-a", "team-1", "gpt-4o-mini", 1_000, 100, tenDaysAgo));
        send(event("new", "key-a", "team-1", "gpt-4o-mini", 1_000, 100, NOW));
        assertThat(totals(SpendDimension.KEY, SpendPeriod.HOUR, SpendPeriod.HOUR.of(tenDaysAgo))).containsKey("key-a");

        driver.advanceWallClockTime(SpendAggregates.EXPIRY_EVERY);

        for (SpendDimension dimension : SpendDimension.values()) {
            assertThat(totals(dimension, SpendPeriod.HOUR, SpendPeriod.HOUR.of(tenDaysAgo))).as(dimension.storeName()).isEmpty();
            assertThat(totals(dimension, SpendPeriod.HOUR, SpendPeriod.HOUR.of(NOW))).as(dimension.storeName()).hasSize(1);
            assertThat(totals(dimension, SpendPeriod.DAY, SpendPeriod.DAY.of(tenDaysAgo))).as(dimension.storeName()).hasSize(1);
            assertThat(totals(dimension, SpendPeriod.MONTH, "2026-11")).as(dimension.storeName()).hasSize(1);
        }
    }

    @Test
    void names_periods_in_utc_so_they_sort_as_time_does() {
        Instant at = Instant.parse("2026-01-02T03:04:05Z");
        assertThat(SpendPeriod.HOUR.of(at)).isEqualTo("2026-01-02T03");
        assertThat(SpendPeriod.DAY.of(at)).isEqualTo("2026-01-02");
        assertThat(SpendPeriod.MONTH.of(at)).isEqualTo("2026-01");
        assertThat(SpendAggregates.storeKey(SpendPeriod.MONTH, "2026-01", "openai/gpt-4o")).isEqualTo("month|2026-01|openai/gpt-4o");
    }
}
