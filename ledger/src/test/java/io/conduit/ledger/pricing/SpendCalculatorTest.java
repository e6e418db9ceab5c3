package io.conduit.ledger.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpendCalculatorTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    final SpendCalculator calculator = new SpendCalculator(Clock.fixed(NOW, ZoneOffset.UTC));

    static ModelPrice tokens(String input, String output, String cached, String inputTier, String outputTier) {
        return new ModelPrice("openai", "chat", dec(input), dec(output), dec(cached), null, dec(inputTier), dec(outputTier),
                null, null, null, null, null, null, null);
    }

    static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    final PriceCatalog catalog = new PriceCatalog("test-1", NOW, "USD", "test", Map.of(
            "gpt-4o-mini", tokens("0.15", "0.6", "0.075", null, null),
            "tiered", tokens("1.25", "10", null, "2.5", "15"),
            "image-only", new ModelPrice("x", "image_generation", null, null, null, null, null, null, null, null,
                    new BigDecimal("0.04"), null, null, null, null)));

    static UsageEvent usage(String model, Outcome outcome, long prompt, long completion, long cached) {
        return new UsageEvent("evt-1", "req-1", "key-1", "alias", "openai", model, "chat.completions", prompt, completion,
                cached, 0, false, 200, outcome, true, 10, 5L, NOW.minusSeconds(1), NOW.minusMillis(500));
    }

    @Test
    void prices_input_cached_and_output_tokens_in_micro_usd() {
        SpendRecord spend = calculator.price(usage("gpt-4o-mini", Outcome.OK, 1_000, 500, 400), catalog);

        assertThat(spend.inputMicros()).isEqualTo(90);        // 600 × 0.15
        assertThat(spend.cachedInputMicros()).isEqualTo(30);  // 400 × 0.075
        assertThat(spend.outputMicros()).isEqualTo(300);      // 500 × 0.6
        assertThat(spend.totalMicros()).isEqualTo(420);
        assertThat(spend.priceVersion()).isEqualTo("test-1");
        assertThat(spend.unpriced()).isFalse();
        assertThat(spend.id()).isEqualTo("evt-1");
        assertThat(spend.pricedAt()).isEqualTo(NOW);
    }

    @Test
    void rounds_each_part_half_up_and_the_total_is_their_sum() {
        SpendRecord spend = calculator.price(usage("gpt-4o-mini", Outcome.OK, 3, 1, 0), catalog);

        assertThat(spend.inputMicros()).isEqualTo(0);   // 0.45
        assertThat(spend.outputMicros()).isEqualTo(1);  // 0.6
        assertThat(spend.totalMicros()).isEqualTo(spend.inputMicros() + spend.cachedInputMicros() + spend.outputMicros());
    }

    @Test
    void aborted_and_cut_calls_are_charged_for_what_was_generated_failures_are_free() {
        assertThat(calculator.price(usage("gpt-4o-mini", Outcome.CLIENT_ABORTED, 100, 10, 0), catalog).totalMicros()).isEqualTo(21);
        assertThat(calculator.price(usage("gpt-4o-mini", Outcome.UPSTREAM_CUT, 100, 10, 0), catalog).totalMicros()).isEqualTo(21);
        for (Outcome failed : new Outcome[] {Outcome.UPSTREAM_ERROR, Outcome.UPSTREAM_TIMEOUT, Outcome.UPSTREAM_UNREACHABLE}) {
            SpendRecord spend = calculator.price(usage("gpt-4o-mini", failed, 100, 10, 0), catalog);
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
    void a_model_without_a_token_price_is_flagged_not_free() {
        SpendRecord unknown = calculator.price(usage("mystery-model", Outcome.OK, 100, 10, 0), catalog);
        SpendRecord imageOnly = calculator.price(usage("image-only", Outcome.OK, 100, 10, 0), catalog);

        assertThat(unknown.unpriced()).isTrue();
        assertThat(unknown.totalMicros()).isZero();
        assertThat(imageOnly.unpriced()).isTrue();
    }

    @Test
    void the_bundled_catalog_has_the_reference_prices() {
        PriceCatalog bundled = PriceCatalog.bundled();

        assertThat(bundled.models()).hasSizeGreaterThan(200);
        assertThat(bundled.priceOf("gpt-4o-mini").orElseThrow().inputPerMtok()).isEqualByComparingTo("0.15");
        assertThat(bundled.priceOf("openai/gpt-4o-mini")).isPresent();
        assertThat(bundled.source()).contains("LiteLLM");
    }
}
