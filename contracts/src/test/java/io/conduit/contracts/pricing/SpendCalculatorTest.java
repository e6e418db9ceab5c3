package io.conduit.contracts.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.pricing.ImageRate;
import io.conduit.contracts.pricing.LongContextRates;
import io.conduit.contracts.pricing.Markup;
import io.conduit.contracts.pricing.MarkupScope;
import io.conduit.contracts.pricing.MediaRates;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogSnapshot;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.PriceRates;
import io.conduit.contracts.pricing.TokenRates;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.usage.MediaUsage;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendCalculatorTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Instant SINCE = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant PRICE_CHANGE = Instant.parse("2026-11-01T00:00:00Z");
    final SpendCalculator calculator = new SpendCalculator(Clock.fixed(NOW, ZoneOffset.UTC));

    static PriceEntry tokens(String model, Instant from, Instant until, String input, String output, String cached) {
        return new PriceEntry(model, "*", from, until, "chat", new TokenRates(new BigDecimal(input), new BigDecimal(output),
                cached == null ? null : new BigDecimal(cached), null), null, null, null, null, "test");
    }

    final PriceCatalog catalog = PriceCatalog.of(new PriceCatalogSnapshot(7, "2026-11-01.7", PRICE_CHANGE, "USD", "test", List.of(
            tokens("gpt-4o-mini", SINCE, null, "0.15", "0.6", "0.075"),
            tokens("changed", SINCE, PRICE_CHANGE, "1", "2", null),
            tokens("changed", PRICE_CHANGE, null, "3", "6", null),
            new PriceEntry("tiered", "*", SINCE, null, "chat", TokenRates.of("1.25", "10"),
                    new LongContextRates(200_000, new BigDecimal("2.5"), new BigDecimal("15"), null, null), null, null, null, "test"),
            new PriceEntry("image-model", "*", SINCE, null, "image_generation", null, null, new MediaRates(List.of(
                    new ImageRate("1024x1024", "hd", new BigDecimal("0.08"))), null, null, null), null, null, "test")),
            List.of(
                    new Markup(MarkupScope.ALIAS, "resold", SINCE, null, 2_000, null),
                    new Markup(MarkupScope.KEY_GROUP, "research", SINCE, null, null,
                            new PriceRates(TokenRates.of("0.1", "0.1"), null, null)))));

    static UsageEvent usage(String model, Outcome outcome, long prompt, long completion, long cached) {
        return new UsageEvent("evt-1", "req-1", "key-1", "alias", "openai", model, "chat.completions", prompt, completion,
                cached, 0, false, 200, outcome, true, 10, 5L, NOW.minusSeconds(1), NOW.minusMillis(500));
    }

    static UsageEvent at(UsageEvent e, Instant finishedAt) {
        return new UsageEvent(e.id(), e.requestId(), e.keyId(), e.alias(), e.provider(), e.providerModel(), e.endpoint(),
                e.promptTokens(), e.completionTokens(), e.cachedTokens(), e.reasoningTokens(), e.usageEstimated(),
                e.httpStatus(), e.outcome(), e.streamed(), e.latencyMs(), e.timeToFirstTokenMs(), finishedAt.minusSeconds(1),
                finishedAt, e.keyGroupId(), e.media());
    }

    static UsageEvent via(UsageEvent e, String alias, String group) {
        return new UsageEvent(e.id(), e.requestId(), e.keyId(), alias, e.provider(), e.providerModel(), e.endpoint(),
                e.promptTokens(), e.completionTokens(), e.cachedTokens(), e.reasoningTokens(), e.usageEstimated(),
                e.httpStatus(), e.outcome(), e.streamed(), e.latencyMs(), e.timeToFirstTokenMs(), e.startedAt(),
                e.finishedAt(), group, e.media());
    }

    @Test
    void prices_input_cached_and_output_tokens_in_micro_usd_and_names_the_catalog_version() {
        SpendRecord spend = calculator.price(usage("gpt-4o-mini", Outcome.OK, 1_000, 500, 400), catalog);

        assertThat(spend.inputMicros()).isEqualTo(90);        // 600 × 0.15
        assertThat(spend.cachedInputMicros()).isEqualTo(30);  // 400 × 0.075
        assertThat(spend.outputMicros()).isEqualTo(300);      // 500 × 0.6
        assertThat(spend.totalMicros()).isEqualTo(420).isEqualTo(spend.costMicros());
        assertThat(spend.priceVersion()).isEqualTo("2026-11-01.7");
        assertThat(spend.unpriced()).isFalse();
        assertThat(spend.markup()).isNull();
        assertThat(spend.id()).isEqualTo("evt-1");
        assertThat(spend.pricedAt()).isEqualTo(NOW);
    }

    @Test
    void uses_the_price_effective_when_the_call_finished() {
        UsageEvent call = usage("changed", Outcome.OK, 1_000, 1_000, 0);

        assertThat(calculator.price(at(call, PRICE_CHANGE.minusMillis(1)), catalog).totalMicros()).isEqualTo(3_000);
        assertThat(calculator.price(at(call, PRICE_CHANGE), catalog).totalMicros()).isEqualTo(9_000);
        assertThat(calculator.price(at(call, SINCE.minusSeconds(1)), catalog).unpriced()).isTrue();
    }

    @Test
    void aborted_and_cut_calls_are_charged_for_what_was_generated_failures_are_free() {
        assertThat(calculator.price(usage("gpt-4o-mini", Outcome.CLIENT_ABORTED, 100, 10, 0), catalog).totalMicros()).isEqualTo(21);
        assertThat(calculator.price(usage("gpt-4o-mini", Outcome.UPSTREAM_CUT, 100, 10, 0), catalog).totalMicros()).isEqualTo(21);
        for (Outcome failed : new Outcome[] {Outcome.UPSTREAM_ERROR, Outcome.UPSTREAM_TIMEOUT, Outcome.UPSTREAM_UNREACHABLE}) {
            SpendRecord spend = calculator.price(usage("mystery-model", failed, 100, 10, 0), catalog);
            assertThat(spend.totalMicros()).isZero();
            assertThat(spend.unpriced()).isFalse();
        }
    }

    @Test
    void a_prompt_over_200k_tokens_moves_the_call_to_the_tier() {
        assertThat(calculator.price(usage("tiered", Outcome.OK, 200_000, 1_000, 0), catalog).totalMicros())
                .isEqualTo(200_000 * 125 / 100 + 10_000);
        assertThat(calculator.price(usage("tiered", Outcome.OK, 200_001, 1_000, 0), catalog).totalMicros())
                .isEqualTo(500_003 + 15_000);
    }

    @Test
    void an_alias_markup_scales_the_price_and_a_key_group_override_replaces_it() {
        UsageEvent call = usage("gpt-4o-mini", Outcome.OK, 1_000, 500, 400);

        SpendRecord resold = calculator.price(via(call, "resold", null), catalog);
        assertThat(resold.totalMicros()).isEqualTo(108 + 36 + 360);
        assertThat(resold.costMicros()).isEqualTo(420);
        assertThat(resold.markup()).isEqualTo("alias/resold");

        SpendRecord research = calculator.price(via(call, "resold", "research"), catalog);
        assertThat(research.totalMicros()).isEqualTo(60 + 40 + 50);
        assertThat(research.costMicros()).isEqualTo(420);
        assertThat(research.markup()).isEqualTo("key_group/research");

        SpendRecord overriddenUnknown = calculator.price(via(usage("mystery-model", Outcome.OK, 1_000, 0, 0), null, "research"), catalog);
        assertThat(overriddenUnknown.unpriced()).isFalse();
        assertThat(overriddenUnknown.totalMicros()).isEqualTo(100);
        assertThat(overriddenUnknown.costMicros()).isZero();
    }

    @Test
    void media_units_are_charged_into_media_micros() {
        UsageEvent call = usage("image-model", Outcome.OK, 0, 0, 0);
        UsageEvent images = new UsageEvent(call.id(), call.requestId(), call.keyId(), call.alias(), call.provider(),
                call.providerModel(), "images.generations", 0, 0, 0, 0, false, 200, Outcome.OK, false, 10, null,
                call.startedAt(), call.finishedAt(), null, new MediaUsage(3, "1024x1024", "hd", 0, null, 0, 0));

        SpendRecord spend = calculator.price(images, catalog);

        assertThat(spend.mediaMicros()).isEqualTo(240_000);
        assertThat(spend.totalMicros()).isEqualTo(240_000);
        assertThat(spend.unpriced()).isFalse();
    }

    @Test
    void a_model_without_a_price_is_flagged_not_free() {
        SpendRecord unknown = calculator.price(usage("mystery-model", Outcome.OK, 100, 10, 0), catalog);
        SpendRecord unknownWithoutTokens = calculator.price(usage("mystery-model", Outcome.OK, 0, 0, 0), catalog);
        SpendRecord imageOnly = calculator.price(usage("image-model", Outcome.OK, 100, 10, 0), catalog);

        assertThat(unknown.unpriced()).isTrue();
        assertThat(unknown.totalMicros()).isZero();
        assertThat(unknownWithoutTokens.unpriced()).isTrue();
        assertThat(imageOnly.unpriced()).isTrue();
    }

    @Test
    void the_bundled_catalog_prices_the_reference_models() {
        SpendRecord spend = calculator.price(usage("openai/gpt-4o-mini", Outcome.OK, 1_000, 100, 0), PriceCatalog.bundled());

        assertThat(spend.totalMicros()).isEqualTo(150 + 60);
        assertThat(spend.priceVersion()).isEqualTo(PriceCatalog.bundled().version());
    }
}
