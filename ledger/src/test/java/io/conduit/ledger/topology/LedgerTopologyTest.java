package io.conduit.ledger.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.ledger.pricing.PriceCatalog;
import io.conduit.ledger.pricing.SpendCalculator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTopologyTest {

    final AtomicReference<PriceCatalog> prices = new AtomicReference<>(PriceCatalog.bundled());
    TopologyTestDriver driver;
    TestInputTopic<String, UsageEvent> usage;
    TestOutputTopic<String, SpendRecord> spend;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "ledger-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(LedgerTopology.buildTopology(prices::get, new SpendCalculator(Clock.systemUTC())), config);
        usage = driver.createInputTopic(Topics.USAGE.name(), Topics.USAGE.keySerde().serializer(), Topics.USAGE.valueSerde().serializer());
        spend = driver.createOutputTopic(Topics.SPEND.name(), Topics.SPEND.keySerde().deserializer(), Topics.SPEND.valueSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static UsageEvent event(String id, String key, long prompt, long completion, Outcome outcome) {
        Instant now = Instant.now();
        return new UsageEvent(id, "req-" + id, key, "fast", "openai", "gpt-4o-mini", "chat.completions", prompt, completion,
                0, 0, false, 200, outcome, false, 12, 4L, now, now);
    }

    @Test
    void prices_each_usage_event_once_keyed_by_its_virtual_key() {
        usage.pipeInput("key-a", event("e1", "key-a", 1_000, 100, Outcome.OK));
        usage.pipeInput("key-b", event("e2", "key-b", 2_000, 0, Outcome.UPSTREAM_ERROR));

        List<org.apache.kafka.streams.test.TestRecord<String, SpendRecord>> out = spend.readRecordsToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).key()).isEqualTo("key-a");
        assertThat(out.get(0).value().id()).isEqualTo("e1");
        assertThat(out.get(0).value().totalMicros()).isEqualTo(150 + 60);
        assertThat(out.get(1).value().totalMicros()).isZero();
        assertThat(out.get(1).value().outcome()).isEqualTo("upstream_error");
    }

    @Test
    void a_redelivered_usage_event_is_not_priced_twice() {
        UsageEvent once = event("same-id", "key-a", 1_000, 100, Outcome.OK);

        usage.pipeInput("key-a", once);
        usage.pipeInput("key-a", once);
        usage.pipeInput("key-a", event("other", "key-a", 10, 1, Outcome.OK));

        assertThat(spend.readValuesToList()).extracting(SpendRecord::id).containsExactly("same-id", "other");
    }

    @Test
    void a_catalog_update_applies_to_the_next_event_and_names_its_version() {
        usage.pipeInput("key-a", event("before", "key-a", 1_000, 0, Outcome.OK));
        PriceCatalog current = prices.get();
        var models = new java.util.HashMap<>(current.models());
        var old = models.get("gpt-4o-mini");
        models.put("gpt-4o-mini", new io.conduit.ledger.pricing.ModelPrice(old.provider(), old.mode(),
                new java.math.BigDecimal("1"), old.outputPerMtok(), old.cachedInputPerMtok(), null, null, null, null, null,
                null, null, null, null, null));
        prices.set(new PriceCatalog("next", current.effectiveFrom(), "USD", "test", models));
        usage.pipeInput("key-a", event("after", "key-a", 1_000, 0, Outcome.OK));

        List<SpendRecord> out = spend.readValuesToList();
        assertThat(out.get(0).totalMicros()).isEqualTo(150);
        assertThat(out.get(1).totalMicros()).isEqualTo(1_000);
        assertThat(out.get(1).priceVersion()).isEqualTo("next");
    }
}
