package io.conduit.ledger.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogSnapshot;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.TokenRates;
import io.conduit.contracts.pricing.UnpricedModel;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.contracts.pricing.SpendCalculator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTopologyTest {

    static final Instant SINCE = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant CHANGE = Instant.parse("2026-11-20T12:00:00Z");

    final List<TopologyTestDriver> drivers = new ArrayList<>();
    @TempDir
    java.nio.file.Path stateDirs;

    /** One ledger application, started from an empty state (a fresh application id reads everything again). */
    final class Ledger {
        final TopologyTestDriver driver;
        final TestInputTopic<String, UsageEvent> usage;
        final TestInputTopic<String, PriceCatalogSnapshot> prices;
        final TestOutputTopic<String, SpendRecord> spend;
        final TestOutputTopic<String, UnpricedModel> unpriced;

        Ledger() {
            Properties config = new Properties();
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-test");
            config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirs.resolve("ledger-" + drivers.size()).toString());
            driver = new TopologyTestDriver(LedgerTopology.buildTopology(PriceCatalog::bundled,
                    new SpendCalculator(Clock.systemUTC())), config);
            drivers.add(driver);
            usage = driver.createInputTopic(Topics.USAGE.name(), Topics.USAGE.keySerde().serializer(),
                    Topics.USAGE.valueSerde().serializer());
            prices = driver.createInputTopic(Topics.PRICES.name(), Topics.PRICES.keySerde().serializer(),
                    Topics.PRICES.valueSerde().serializer());
            spend = driver.createOutputTopic(Topics.SPEND.name(), Topics.SPEND.keySerde().deserializer(),
                    Topics.SPEND.valueSerde().deserializer());
            unpriced = driver.createOutputTopic(Topics.UNPRICED.name(), Topics.UNPRICED.keySerde().deserializer(),
                    Topics.UNPRICED.valueSerde().deserializer());
        }

        void publish(PriceCatalogSnapshot catalog) {
            prices.pipeInput(catalog.key(), catalog);
        }

        void send(UsageEvent event) {
            usage.pipeInput(event.keyId(), event);
        }
    }

    @AfterEach
    void stop() {
        drivers.forEach(TopologyTestDriver::close);
    }

    static UsageEvent event(String id, String key, String model, long prompt, long completion, Outcome outcome, Instant finishedAt) {
        return new UsageEvent(id, "req-" + id, key, "fast", "openai", model, "chat.completions", prompt, completion,
                0, 0, false, 200, outcome, false, 12, 4L, finishedAt.minusMillis(300), finishedAt);
    }

    static UsageEvent event(String id, String key, long prompt, long completion, Outcome outcome) {
        return event(id, key, "gpt-4o-mini", prompt, completion, outcome, Instant.now());
    }

    static PriceEntry mini(Instant from, String input, String output) {
        return new PriceEntry("gpt-4o-mini", "*", from, null, "chat", TokenRates.of(input, output), null, null, null, null, "test");
    }

    /** Revision 1: the reference price; revision 2 adds a price effective at CHANGE (the old one is kept for the past). */
    static final PriceCatalogSnapshot BEFORE = new PriceCatalogSnapshot(1, "2026-11-01.1", SINCE, "USD", "test",
            List.of(mini(SINCE, "0.15", "0.6")), List.of());
    static final PriceCatalogSnapshot AFTER = new PriceCatalogSnapshot(2, "2026-11-20.2", CHANGE, "USD", "test",
            List.of(mini(SINCE, "0.15", "0.6"), mini(CHANGE, "1", "2")), List.of());

    @Test
    void prices_each_usage_event_once_keyed_by_its_virtual_key_with_the_bundled_catalog_until_one_is_published() {
        Ledger ledger = new Ledger();
        ledger.send(event("e1", "key-a", 1_000, 100, Outcome.OK));
        ledger.send(event("e2", "key-b", 2_000, 0, Outcome.UPSTREAM_ERROR));

        List<TestRecord<String, SpendRecord>> out = ledger.spend.readRecordsToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).key()).isEqualTo("key-a");
        assertThat(out.get(0).value().id()).isEqualTo("e1");
        assertThat(out.get(0).value().totalMicros()).isEqualTo(150 + 60);
        assertThat(out.get(0).value().priceVersion()).isEqualTo(PriceCatalog.bundled().version());
        assertThat(out.get(1).value().totalMicros()).isZero();
        assertThat(out.get(1).value().outcome()).isEqualTo("upstream_error");
    }

    @Test
    void a_redelivered_usage_event_is_not_priced_twice() {
        Ledger ledger = new Ledger();
        UsageEvent once = event("same-id", "key-a", 1_000, 100, Outcome.OK);

        ledger.send(once);
        ledger.send(once);
        ledger.send(event("other", "key-a", 10, 1, Outcome.OK));

        assertThat(ledger.spend.readValuesToList()).extracting(SpendRecord::id).containsExactly("same-id", "other");
    }

    @Test
    void uses_the_price_effective_when_the_call_finished_and_names_the_catalog_version() {
        Ledger ledger = new Ledger();
        ledger.publish(BEFORE);
        ledger.send(event("before", "key-a", "gpt-4o-mini", 1_000, 0, Outcome.OK, CHANGE.minusSeconds(60)));
        ledger.publish(AFTER);
        ledger.send(event("after", "key-a", "gpt-4o-mini", 1_000, 0, Outcome.OK, CHANGE.plusSeconds(60)));
        ledger.send(event("late", "key-a", "gpt-4o-mini", 1_000, 0, Outcome.OK, CHANGE.minusMillis(1)));

        Map<String, SpendRecord> out = ledger.spend.readValuesToList().stream()
                .collect(Collectors.toMap(SpendRecord::id, r -> r));
        assertThat(out.get("before").totalMicros()).isEqualTo(150);
        assertThat(out.get("before").priceVersion()).isEqualTo("2026-11-01.1");
        assertThat(out.get("after").totalMicros()).isEqualTo(1_000);
        assertThat(out.get("after").priceVersion()).isEqualTo("2026-11-20.2");
        assertThat(out.get("late").totalMicros()).as("finished before the change, arrived after it").isEqualTo(150);
        assertThat(out.get("late").priceVersion()).isEqualTo("2026-11-20.2");
    }

    @Test
    void replaying_the_same_usage_after_a_price_change_gives_identical_totals() {
        List<UsageEvent> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant finished = CHANGE.plusSeconds((i - 20) * 30L);
            history.add(event("e" + i, "key-" + (i % 3), "gpt-4o-mini", 1_000 + 37L * i, 11L * i,
                    i % 7 == 0 ? Outcome.UPSTREAM_ERROR : Outcome.OK, finished));
        }
        Ledger live = new Ledger();
        live.publish(BEFORE);
        history.stream().filter(e -> e.finishedAt().isBefore(CHANGE)).forEach(live::send);
        live.publish(AFTER);
        history.stream().filter(e -> !e.finishedAt().isBefore(CHANGE)).forEach(live::send);
        Map<String, Long> original = totals(live.spend.readValuesToList());

        // later still: a further change scheduled for next year; then the usage topic is read again from offset 0
        PriceCatalogSnapshot later = new PriceCatalogSnapshot(3, "2026-11-24.3", CHANGE.plusSeconds(86_400), "USD", "test",
                List.of(mini(SINCE, "0.15", "0.6"), mini(CHANGE, "1", "2"), mini(Instant.parse("2027-01-01T00:00:00Z"), "9", "9")),
                List.of());
        Ledger replay = new Ledger();
        replay.publish(later);
        history.forEach(replay::send);
        List<SpendRecord> replayed = replay.spend.readValuesToList();

        assertThat(original).hasSize(40);
        assertThat(totals(replayed)).isEqualTo(original);
        assertThat(replayed.stream().mapToLong(SpendRecord::totalMicros).sum())
                .isEqualTo(original.values().stream().mapToLong(Long::longValue).sum());
        assertThat(replayed).allSatisfy(r -> assertThat(r.priceVersion()).isEqualTo("2026-11-24.3"));
        assertThat(original.get("e1")).isEqualTo(Math.round(1_037 * 0.15) + Math.round(11 * 0.6));
        assertThat(original.get("e39")).isEqualTo(1_000 + 37L * 39 + 2 * 11L * 39);
    }

    @Test
    void a_catalog_of_a_lower_revision_is_ignored() {
        Ledger ledger = new Ledger();
        ledger.publish(AFTER);
        ledger.publish(BEFORE);
        ledger.send(event("after", "key-a", "gpt-4o-mini", 1_000, 0, Outcome.OK, CHANGE.plusSeconds(1)));

        SpendRecord spend = ledger.spend.readValue();
        assertThat(spend.totalMicros()).isEqualTo(1_000);
        assertThat(spend.priceVersion()).isEqualTo("2026-11-20.2");
    }

    @Test
    void unpriced_models_are_flagged_and_reported_per_provider_and_model() {
        Ledger ledger = new Ledger();
        ledger.publish(BEFORE);
        Instant t = CHANGE;
        ledger.send(event("u1", "key-a", "mystery-model", 100, 10, Outcome.OK, t));
        ledger.send(event("u2", "key-b", "mystery-model", 100, 10, Outcome.CLIENT_ABORTED, t.plusSeconds(5)));
        ledger.send(event("u3", "key-b", "mystery-model", 100, 0, Outcome.UPSTREAM_ERROR, t.plusSeconds(9)));
        ledger.send(event("p1", "key-a", "gpt-4o-mini", 100, 10, Outcome.OK, t));

        assertThat(ledger.spend.readValuesToList()).filteredOn(SpendRecord::unpriced)
                .extracting(SpendRecord::id).containsExactly("u1", "u2");
        Map<String, UnpricedModel> report = ledger.unpriced.readKeyValuesToMap();
        assertThat(report).containsOnlyKeys("openai/mystery-model");
        UnpricedModel mystery = report.get("openai/mystery-model");
        assertThat(mystery.calls()).isEqualTo(2);
        assertThat(mystery.firstSeenAt()).isEqualTo(t);
        assertThat(mystery.lastSeenAt()).isEqualTo(t.plusSeconds(5));
        assertThat(mystery.priceVersion()).isEqualTo("2026-11-01.1");
    }

    static Map<String, Long> totals(List<SpendRecord> records) {
        return records.stream().collect(Collectors.toMap(SpendRecord::id, SpendRecord::totalMicros));
    }
}
