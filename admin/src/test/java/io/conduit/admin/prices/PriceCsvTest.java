package io.conduit.admin.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.contracts.pricing.ImageRate;
import io.conduit.contracts.pricing.LongContextRates;
import io.conduit.contracts.pricing.MediaRates;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.TokenRates;
import io.conduit.contracts.pricing.VideoRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceCsvTest {

    static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");

    static List<PriceEntry> read(String csv) {
        return PriceCsv.read(csv).stream().map(row -> PriceInput.entry(row.json(), null, null)).toList();
    }

    @Test
    void round_trips_every_kind_of_price() {
        PriceEntry tokens = new PriceEntry("claude, \"quoted\"", "*", FROM, FROM.plusSeconds(86_400), "chat",
                new TokenRates(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.3"), new BigDecimal("3.75")),
                new LongContextRates(200_000, new BigDecimal("6"), new BigDecimal("22.5"), null, null), null, 1_000_000, 64_000,
                "operator\nnote");
        PriceEntry media = new PriceEntry("acme/video-1", "acme", FROM, null, "video_generation", null, null,
                new MediaRates(List.of(new ImageRate("1024x1024", "hd", new BigDecimal("0.08")), new ImageRate(null, null, new BigDecimal("0.04"))),
                        List.of(new VideoRate("1280x720", new BigDecimal("0.10")), new VideoRate("*", new BigDecimal("0.30"))),
                        new BigDecimal("0.006"), new BigDecimal("0.015")), null, null, null);

        String csv = PriceCsv.write(List.of(tokens, media));

        assertThat(csv).startsWith(String.join(",", PriceCsv.COLUMNS) + "\r\n")
                .contains("1024x1024/hd=0.08;*/*=0.04", "1280x720=0.1;*=0.3");
        assertThat(read(csv)).containsExactly(tokens, media);
    }

    @Test
    void the_whole_bundled_catalog_round_trips() {
        List<PriceEntry> bundled = PriceCatalog.bundled().snapshot().prices();

        assertThat(read(PriceCsv.write(bundled))).isEqualTo(bundled);
    }

    @Test
    void columns_may_be_given_in_any_order_and_left_out() {
        List<PriceEntry> entries = read("output_per_mtok,model,input_per_mtok,effective_from\n0.6,gpt-4o-mini,0.15,2026-12-01T00:00:00Z\n");

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.provider()).isEqualTo("*");
            assertThat(e.tokens()).isEqualTo(TokenRates.of("0.15", "0.6"));
        });
    }

    @Test
    void bad_rows_say_what_is_wrong() {
        List<PriceCsv.Row> rows = PriceCsv.read("""
                model,input_per_mtok,output_per_mtok,images,effective_from
                a,1,2,,2026-12-01T00:00:00Z
                b,1,2,1024x1024=0.04,2026-12-01T00:00:00Z
                c,1
                d,-1,2,,2026-12-01T00:00:00Z
                e,1,2,,tomorrow
                """);

        assertThat(rows).extracting(PriceCsv.Row::line).containsExactly(2, 3, 4, 5, 6);
        assertThat(rows.get(1).json().get("_error").asString()).contains("'images' must look like");
        assertThat(rows.get(2).json().get("_error").asString()).contains("has 2 cells, the header 5");
        assertThatThrownBy(() -> PriceInput.entry(rows.get(3).json(), null, null)).hasMessageContaining("'input_per_mtok' must not be negative");
        assertThatThrownBy(() -> PriceInput.entry(rows.get(4).json(), null, null)).hasMessageContaining("'effective_from' must be an ISO-8601 instant");
        assertThatThrownBy(() -> PriceCsv.read("model,price\nx,1\n")).hasMessageContaining("unknown CSV column(s) price");
        assertThatThrownBy(() -> PriceCsv.read("model\n\"x\n")).hasMessageContaining("not closed");
    }

    @Test
    void json_input_is_strict_about_field_names() {
        var node = PriceInput.tree("{\"tokens\":{\"input_price\":1}}");

        assertThatThrownBy(() -> PriceInput.entry(node, "m", FROM)).hasMessageContaining("unknown field 'tokens.input_price'");
        assertThatThrownBy(() -> PriceInput.entry(PriceInput.tree("{\"model\":\"other\",\"tokens\":{\"input_per_mtok\":1}}"), "m", FROM))
                .hasMessageContaining("differs from the path");
        assertThat(PriceInput.entry(PriceInput.tree("{\"tokens\":{\"input_per_mtok\":1,\"output_per_mtok\":\"2.50\"}}"), "m", FROM))
                .satisfies(e -> {
                    assertThat(e.effectiveFrom()).isEqualTo(FROM);
                    assertThat(e.tokens().outputPerMtok()).isEqualByComparingTo("2.5");
                });
    }
}
