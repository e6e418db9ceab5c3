package io.conduit.ingress.budget;

import io.conduit.contracts.pricing.Charges;
import io.conduit.contracts.pricing.Markup;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.PriceRates;
import io.conduit.contracts.pricing.SpendCalculator;
import io.conduit.contracts.usage.UsageEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/** Prices calls from the catalog in force ({@code conduit.prices.v1}), with the ledger's own calculator. */
public final class CatalogCallPricer implements CallPricer {

    private final Supplier<PriceCatalog> catalog;
    private final SpendCalculator calculator;

    public CatalogCallPricer(Supplier<PriceCatalog> catalog, Clock clock) {
        this.catalog = catalog;
        this.calculator = new SpendCalculator(clock);
    }

    @Override
    public long worstCaseMicros(String provider, String providerModel, long promptTokens, long maxOutputTokens, Instant at) {
        PriceCatalog prices = catalog.get();
        PriceRates rates = prices.priceFor(providerModel, provider, at).map(PriceEntry::rates).orElse(null);
        return Charges.worstCase(rates, promptTokens, maxOutputTokens, 0).totalMicros();
    }

    @Override
    public long micros(UsageEvent event) {
        return calculator.price(event, catalog.get()).totalMicros();
    }
}
