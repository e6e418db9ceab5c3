package io.conduit.ingress.proxy;

import io.conduit.contracts.pricing.PriceCatalog;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Whether a deployment's provider model may be called as far as prices go. With
 * {@code CONDUIT_LEDGER_UNPRICED_POLICY=reject} only models the catalog prices now are; otherwise all.
 */
@FunctionalInterface
public interface PriceCheck {

    /** Every model may be called (policy {@code flag}: the ledger flags unpriced calls). */
    PriceCheck ANY = (provider, providerModel) -> true;

    boolean priced(String provider, String providerModel);

    /** Models with a price in effect now in the catalog. */
    static PriceCheck pricedIn(Supplier<PriceCatalog> catalog) {
        return (provider, providerModel) -> catalog.get().priceFor(providerModel, provider, Instant.now()).isPresent();
    }
}
