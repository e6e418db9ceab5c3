package io.conduit.ledger.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.SpendCalculator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spend feeds the budget state of keys and their groups, by calendar periods in the configured zone. */
class BudgetStatesTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    TopologyTestDriver driver;
    TestInputTopic<String, UsageEvent> usage;
    TestOutputTopic<String, BudgetState> states;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "budget-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        PriceCatalog catalog = PriceCatalog.bundled();
        driver = new TopologyTestDriver(LedgerTopology.buildTopology(() -> catalog, new SpendCalculator(Clock.systemUTC()),
                PARIS), config);
        usage = driver.createInputTopic(Topics.USAGE.name(), Topics.USAGE.keySerde().serializer(),
                Topics.USAGE.valueSerde().serializer());
        states = driver.createOutputTopic(Topics.BUDGET_STATE.name(), Topics.BUDGET_STATE.keySerde().deserializer(),
                Topics.BUDGET_STATE.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** gpt-4o-mini: 1M prompt tokens = $0.15, so 1,000,000 prompt tokens cost 150,000 micros. */
    static UsageEvent call(String id, String key, String group, Instant at, Outcome outcome) {
        return new UsageEvent(id, "req-" + id, key, "fast", "openai", "gpt-4o-mini", "chat.completions", 1_000_000, 0, 0,
                0, false, 200, outcome, false, 10, 1L, at, at).withKeyGroup(group);
    }

    @Test
    void key_and_group_states_count_each_charged_call_once() {
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        usage.pipeInput("k1", call("a", "k1", "team", at, Outcome.OK));
        usage.pipeInput("k2", call("b", "k2", "team", at, Outcome.OK));
        usage.pipeInput("k1", call("a", "k1", "team", at, Outcome.OK)); // redelivered
        usage.pipeInput("k1", call("c", "k1", "team", at, Outcome.UPSTREAM_ERROR)); // free

        Map<String, BudgetState> latest = states.readKeyValuesToMap();

        assertThat(latest.get("key:k1").totalMicros()).isEqualTo(150_000);
        assertThat(latest.get("key:k1").records()).isEqualTo(1);
        assertThat(latest.get("key:k2").totalMicros()).isEqualTo(150_000);
        assertThat(latest.get("key_group:team").totalMicros()).isEqualTo(300_000);
        assertThat(latest.get("key_group:team").timeZone()).isEqualTo("Europe/Paris");
    }

    @Test
    void periods_are_calendar_aligned_in_the_configured_zone() {
        // 23:30 UTC on Sunday 2026-11-29 is already Monday 00:30 in Paris: a new day and a new week there
        usage.pipeInput("k", call("d1", "k", null, Instant.parse("2026-11-29T12:00:00Z"), Outcome.OK));
        usage.pipeInput("k", call("d2", "k", null, Instant.parse("2026-11-29T23:30:00Z"), Outcome.OK));

        BudgetState state = states.readKeyValuesToMap().get("key:k");

        assertThat(state.day()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(state.dayMicros()).isEqualTo(150_000);
        assertThat(state.weekStart()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(state.weekMicros()).isEqualTo(150_000);
        assertThat(state.monthMicros()).isEqualTo(300_000);
        assertThat(state.totalMicros()).isEqualTo(300_000);
        assertThat(state.spentIn("daily", Instant.parse("2026-11-30T08:00:00Z"))).isEqualTo(150_000);
        assertThat(state.spentIn("daily", Instant.parse("2026-12-01T08:00:00Z"))).isZero();
        assertThat(state.spentIn("monthly", Instant.parse("2026-12-01T08:00:00Z"))).isZero();
        assertThat(state.spentIn("total", Instant.parse("2027-06-01T08:00:00Z"))).isEqualTo(300_000);
    }

    @Test
    void a_late_event_from_an_earlier_day_counts_in_its_own_periods_only() {
        usage.pipeInput("k", call("n", "k", null, Instant.parse("2026-11-25T10:00:00Z"), Outcome.OK));
        usage.pipeInput("k", call("o", "k", null, Instant.parse("2026-11-24T10:00:00Z"), Outcome.OK));

        BudgetState state = states.readKeyValuesToMap().get("key:k");

        assertThat(state.day()).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(state.dayMicros()).isEqualTo(150_000);
        assertThat(state.weekMicros()).isEqualTo(300_000);
        assertThat(state.totalMicros()).isEqualTo(300_000);
    }
}
