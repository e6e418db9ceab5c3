package io.conduit.ingress.proxy;

import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogFollower;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Whether a deployment's provider model may be called as far as prices go. With
 * {@code CONDUIT_LEDGER_UNPRICED_POLICY=reject} only models the catalog prices now are; otherwise all.
 */
public interface PriceCheck extends AutoCloseable {

    /** Every model may be called (policy {@code flag}: the ledger flags unpriced calls). */
    PriceCheck ANY = (provider, providerModel) -> true;

    boolean priced(String provider, String providerModel);

    @Override
    default void close() {}

    /** Models with a price in effect now in the catalog. */
    static PriceCheck pricedIn(Supplier<PriceCatalog> catalog) {
        return (provider, providerModel) -> catalog.get().priceFor(providerModel, provider, Instant.now()).isPresent();
    }

    /** Models with a price in effect now in the catalog followed from {@code conduit.prices.v1}; closing stops following. */
    static PriceCheck following(PriceCatalogFollower follower) {
        PriceCheck check = pricedIn(follower);
        return new PriceCheck() {
            @Override
            public boolean priced(String provider, String providerModel) {
                return check.priced(provider, providerModel);
            }

            @Override
            public void close() {
                follower.close();
            }
        };
    }
}
