package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The whole price catalog at one revision: the value of {@code conduit.prices.v1} (one record,
 * key {@link #KEY}, compacted) and of the bundled {@code prices/catalog.json}. It holds every
 * entry ever effective, so the price of any past call can still be looked up.
 *
 * @param revision increases with every change; a reader never goes back to a lower one
 * @param version human-readable form of the revision, {@code <date of the change>.<revision>}; spend records name it
 * @param publishedAt when this revision was made; no entry of a later revision starts before it
 * @param currency of every price: {@code USD}
 * @param source where the prices come from
 * @param prices every price entry, past, current and scheduled
 * @param markups every markup and override, past, current and scheduled
 */
public record PriceCatalogSnapshot(
        long revision,
        String version,
        @JsonProperty("published_at") Instant publishedAt,
        String currency,
        String source,
        List<PriceEntry> prices,
        List<Markup> markups) {

    /** The key of the one record on {@code conduit.prices.v1}. */
    public static final String KEY = "catalog";

    public PriceCatalogSnapshot {
        prices = prices == null ? List.of() : List.copyOf(prices);
        markups = markups == null ? List.of() : List.copyOf(markups);
        currency = currency == null ? "USD" : currency;
    }

    /** Always {@link #KEY}: the topic keeps only the latest catalog. */
    public String key() {
        return KEY;
    }
}
