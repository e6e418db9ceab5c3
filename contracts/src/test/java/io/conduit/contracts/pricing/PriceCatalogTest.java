package io.conduit.contracts.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.contracts.topic.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {

    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant JUN = Instant.parse("2026-06-01T00:00:00Z");

    static PriceEntry entry(String model, String provider, Instant from, Instant until, String input, String output) {
        return new PriceEntry(model, provider, from, until, "chat", TokenRates.of(input, output), null, null, null, null,
                "test");
    }

    static PriceCatalog catalog(List<PriceEntry> prices, List<Markup> markups) {
        return PriceCatalog.of(new PriceCatalogSnapshot(3, "2026-06-01.3", JUN, "USD", "test", prices, markups));
    }

    static BigDecimal input(PriceCatalog catalog, String model, String provider, Instant at) {
        return catalog.priceFor(model, provider, at).orElseThrow().tokens().inputPerMtok();
    }

    @Test
    void answers_with_the_entry_effective_at_the_time_of_the_call() {
        PriceCatalog catalog = catalog(List.of(
                entry("m", "*", MAR, null, "2", "8"),
                entry("m", "*", JAN, null, "1", "4")), List.of());

        assertThat(catalog.priceFor("m", "openai", JAN.minusMillis(1))).isEmpty();
        assertThat(input(catalog, "m", "openai", JAN)).isEqualByComparingTo("1");
        assertThat(input(catalog, "m", "openai", MAR.minusMillis(1))).isEqualByComparingTo("1");
        assertThat(input(catalog, "m", "openai", MAR)).isEqualByComparingTo("2");
        assertThat(input(catalog, "m", "openai", JUN)).isEqualByComparingTo("2");
    }

    @Test
    void an_ended_entry_leaves_the_model_unpriced_until_a_later_one_starts() {
        PriceCatalog catalog = catalog(List.of(
                entry("m", "*", JAN, MAR, "1", "4"),
                entry("m", "*", JUN, null, "3", "9")), List.of());

        assertThat(catalog.priceFor("m", "p", MAR.minusSeconds(1))).isPresent();
        assertThat(catalog.priceFor("m", "p", MAR)).isEmpty();
        assertThat(input(catalog, "m", "p", JUN)).isEqualByComparingTo("3");
    }

    @Test
    void a_providers_own_price_wins_over_the_price_for_any_provider() {
        PriceCatalog catalog = catalog(List.of(
                entry("gpt-4o", "*", JAN, null, "2.5", "10"),
                entry("gpt-4o", "azure-eu", MAR, JUN, "2.75", "11")), List.of());

        assertThat(input(catalog, "gpt-4o", "azure-eu", JAN)).isEqualByComparingTo("2.5");
        assertThat(input(catalog, "gpt-4o", "azure-eu", MAR)).isEqualByComparingTo("2.75");
        assertThat(input(catalog, "gpt-4o", "openai", MAR)).isEqualByComparingTo("2.5");
        assertThat(input(catalog, "gpt-4o", "azure-eu", JUN)).as("own price ended").isEqualByComparingTo("2.5");
    }

    @Test
    void a_vendor_prefixed_model_falls_back_to_its_bare_name() {
        PriceCatalog catalog = catalog(List.of(entry("claude-haiku-4-5", "*", JAN, null, "1", "5")), List.of());

        assertThat(catalog.priceFor("anthropic/claude-haiku-4-5", "openrouter", JUN)).isPresent();
        assertThat(catalog.priceFor("mystery", "openrouter", JUN)).isEmpty();
        assertThat(catalog.priceFor(null, "openrouter", JUN)).isEmpty();
    }

    @Test
    void a_key_groups_markup_wins_over_the_aliass() {
        Markup alias = new Markup(MarkupScope.ALIAS, "fast", JAN, null, 1_000, null);
        Markup group = new Markup(MarkupScope.KEY_GROUP, "team-a", MAR, null, 2_500, null);
        PriceCatalog catalog = catalog(List.of(), List.of(alias, group));

        assertThat(catalog.markupFor("fast", "team-a", JAN)).contains(alias);
        assertThat(catalog.markupFor("fast", "team-a", MAR)).contains(group);
        assertThat(catalog.markupFor("fast", "team-b", MAR)).contains(alias);
        assertThat(catalog.markupFor("slow", null, MAR)).isEmpty();
    }

    @Test
    void rejects_impossible_entries_and_markups() {
        assertThatThrownBy(() -> entry("m", "*", MAR, JAN, "1", "1")).hasMessageContaining("effective_until");
        assertThatThrownBy(() -> entry("m", "*", MAR, null, "-1", "1")).hasMessageContaining("input_per_mtok");
        assertThatThrownBy(() -> new PriceEntry("m", "*", MAR, null, null, null, null, null, null, null, null))
                .hasMessageContaining("at least one rate");
        assertThatThrownBy(() -> new Markup(MarkupScope.ALIAS, "a", JAN, null, null, null)).hasMessageContaining("either");
        assertThatThrownBy(() -> new Markup(MarkupScope.ALIAS, "a", JAN, null, -10_001, null)).hasMessageContaining("basis_points");
        assertThatThrownBy(() -> new MediaRates(List.of(new ImageRate("1024x1024", "hd", BigDecimal.ONE),
                new ImageRate("1024X1024", "HD", BigDecimal.TEN)), null, null, null)).hasMessageContaining("twice");
    }

    @Test
    void the_catalog_travels_as_snake_case_json_with_prices_as_plain_decimal_strings() {
        PriceEntry image = new PriceEntry("img", "*", JAN, null, "image_generation", null, null,
                new MediaRates(List.of(new ImageRate("1024x1024", "hd", new BigDecimal("0.080"))),
                        List.of(new VideoRate(null, new BigDecimal("0.10"))), new BigDecimal("0.0060"),
                        new BigDecimal("1.5E+1")), null, null, "test");
        PriceEntry tokens = new PriceEntry("tok", "*", JAN, MAR, "chat", new TokenRates(new BigDecimal("0.0000001"),
                BigDecimal.TEN, null, null), new LongContextRates(200_000, new BigDecimal("2"), null, null, null),
                null, 128_000, 16_384, "test");
        PriceCatalogSnapshot snapshot = new PriceCatalogSnapshot(3, "2026-06-01.3", JUN, "USD", "test",
                List.of(image, tokens), List.of(new Markup(MarkupScope.KEY_GROUP, "g", JAN, null, 1500, null)));

        byte[] bytes = Topics.PRICES.valueSerde().serializer().serialize("t", snapshot);
        String json = new String(bytes, StandardCharsets.UTF_8);

        assertThat(json).contains("\"per_image\":\"0.08\"", "\"speech_per_1k_chars\":\"15\"", "\"input_per_mtok\":\"0.0000001\"",
                "\"output_per_mtok\":\"10\"", "\"above_tokens\":200000", "\"effective_until\":\"2026-03-01T00:00:00Z\"",
                "\"scope\":\"key_group\"", "\"basis_points\":1500", "\"published_at\":\"2026-06-01T00:00:00Z\"",
                "\"resolution\":\"*\"");
        assertThat(Topics.PRICES.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(snapshot);
        assertThat(Topics.PRICES.keyFor(snapshot)).isEqualTo("catalog");
        assertThat(Topics.PRICES.creationConfigs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.all()).contains(Topics.PRICES, Topics.UNPRICED);
    }

    @Test
    void the_bundled_catalog_holds_the_reference_tokens_and_media_from_a_fixed_past_date() {
        PriceCatalog bundled = PriceCatalog.bundled();
        Instant now = Instant.parse("2026-11-24T00:00:00Z");

        assertThat(bundled.snapshot().prices()).hasSizeGreaterThan(200)
                .allSatisfy(e -> assertThat(e.effectiveFrom()).isEqualTo("2026-07-01T00:00:00Z"));
        assertThat(bundled.revision()).isZero();
        assertThat(bundled.snapshot().source()).contains("LiteLLM", "model-prices.json");
        PriceEntry mini = bundled.priceFor("gpt-4o-mini", "openai", now).orElseThrow();
        assertThat(mini.tokens().inputPerMtok()).isEqualByComparingTo("0.15");
        assertThat(mini.tokens().cacheReadPerMtok()).isEqualByComparingTo("0.075");
        assertThat(bundled.priceFor("claude-4-sonnet-20250514", "anthropic", now).orElseThrow().longContext().aboveTokens())
                .isEqualTo(200_000);
        assertThat(bundled.priceFor("gpt-5.5", "openai", now).orElseThrow().longContext().aboveTokens()).isEqualTo(272_000);
        assertThat(bundled.priceFor("gemini-2.5-flash-image", "gemini", now).orElseThrow().media().imagePrice("1024x1024", "hd"))
                .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("0.039"));
        assertThat(bundled.priceFor("gpt-realtime-whisper", "openai", now).orElseThrow().media().audioPerMinute())
                .isEqualByComparingTo("0.017");
        assertThat(bundled.priceFor("gpt-4o-mini", "openai", Instant.parse("2026-06-30T23:59:59Z"))).isEmpty();
    }
}
