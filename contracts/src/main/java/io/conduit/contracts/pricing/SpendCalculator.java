package io.conduit.contracts.pricing;

import io.conduit.contracts.pricing.BillableUnits;
import io.conduit.contracts.pricing.Charge;
import io.conduit.contracts.pricing.Charges;
import io.conduit.contracts.pricing.Markup;
import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.PriceRates;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Prices one usage event (docs/billing.md) with the catalog entry and markup effective when the
 * call finished, so pricing the same event again — after any later price change — gives the same
 * amounts. The arithmetic is {@link Charges}: integer micro-USD, each part rounded once.
 *
 * <ul>
 *   <li>An upstream error, timeout or unreachable provider is charged nothing (still recorded).
 *   <li>A client abort or cut stream is charged for the tokens seen (estimated when the provider sent none).
 *   <li>A key group's markup or override wins over the alias's; a markup scales the catalog price, an
 *       override replaces it.
 *   <li>A call the catalog cannot (fully) price is flagged {@code unpriced}: never silently free.
 * </ul>
 */
public final class SpendCalculator {

    private final Clock clock;

    public SpendCalculator(Clock clock) {
        this.clock = clock;
    }

    public SpendRecord price(UsageEvent usage, PriceCatalog catalog) {
        boolean chargeable = usage.outcome() == Outcome.OK || usage.outcome() == Outcome.CLIENT_ABORTED
                || usage.outcome() == Outcome.UPSTREAM_CUT || usage.outcome() == Outcome.GATEWAY_INTERRUPTED;
        Charge charged = Charge.NONE;
        Charge cost = Charge.NONE;
        String markupName = null;
        boolean unpriced = false;
        if (chargeable) {
            Instant at = pricedAsOf(usage);
            Optional<PriceRates> catalogRates = catalog.priceFor(usage.providerModel(), usage.provider(), at).map(PriceEntry::rates);
            Optional<Markup> markup = catalog.markupFor(usage.alias(), usage.keyGroupId(), at);
            BillableUnits units = new BillableUnits(usage.promptTokens(), usage.cachedTokens(), usage.completionTokens(),
                    usage.media());
            cost = Charges.of(catalogRates.orElse(null), units, 0);
            charged = cost;
            if (markup.isPresent()) {
                Markup m = markup.get();
                markupName = m.key();
                charged = m.override() != null ? Charges.of(m.override(), units, 0)
                        : Charges.of(catalogRates.orElse(null), units, m.basisPoints());
            }
            boolean hasRates = catalogRates.isPresent() || markup.map(Markup::override).isPresent();
            unpriced = !hasRates || !charged.complete();
        }
        return new SpendRecord(usage.id(), usage.requestId(), usage.keyId(), usage.alias(), usage.provider(),
                usage.providerModel(), usage.endpoint(), usage.outcome().wireName(), usage.promptTokens(),
                usage.completionTokens(), usage.cachedTokens(), charged.inputMicros(), charged.cachedInputMicros(),
                charged.outputMicros(), charged.totalMicros(), catalog.version(), unpriced, usage.usageEstimated(),
                usage.finishedAt(), clock.instant(), usage.keyGroupId(), charged.mediaMicros(), markupName,
                cost.totalMicros());
    }

    /** The instant whose prices apply: when the call finished (when it started, for an event without an end). */
    static Instant pricedAsOf(UsageEvent usage) {
        if (usage.finishedAt() != null) {
            return usage.finishedAt();
        }
        return usage.startedAt();
    }
}
