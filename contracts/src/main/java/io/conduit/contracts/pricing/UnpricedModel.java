package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A provider model the ledger saw chargeable usage of without a price for it (a value of the
 * compacted {@code conduit.prices.unpriced.v1}, one per provider and model). Model and provider
 * names are configuration, not secrets.
 *
 * @param provider provider that served the calls
 * @param model provider model name
 * @param calls chargeable calls recorded without a (complete) price so far
 * @param firstSeenAt when the first of them finished
 * @param lastSeenAt when the latest of them finished
 * @param priceVersion catalog version that last failed to price it
 */
public record UnpricedModel(
        String provider,
        String model,
        long calls,
        @JsonProperty("first_seen_at") Instant firstSeenAt,
        @JsonProperty("last_seen_at") Instant lastSeenAt,
        @JsonProperty("price_version") String priceVersion) {

    /** Key on the topic: {@code provider/model}. */
    public String key() {
        return keyOf(provider, model);
    }

    public static String keyOf(String provider, String model) {
        return provider + "/" + model;
    }
}
