package io.conduit.ledger.pricing;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.Optional;

/**
 * Prices one usage event (docs/billing.md). Tokens × USD-per-million-tokens is micro-USD; each
 * part is rounded half-up to a whole micro-USD once, and the total is the sum of the parts, so
 * totals over any set of records are exact sums of integers.
 *
 * <ul>
 *   <li>An upstream error, timeout or unreachable provider is charged nothing (still recorded).
 *   <li>A client abort or cut stream is charged for the tokens seen (estimated when the provider sent none).
 *   <li>Cached input tokens are charged at the cached price.
 *   <li>A prompt over 200k tokens moves the whole call to the model's above-200k tier, if it has one.
 *   <li>A model without a token price is recorded at zero and flagged {@code unpriced}.
 * </ul>
 */
public final class SpendCalculator {

    static final long TIER_THRESHOLD_TOKENS = 200_000;

    private final Clock clock;

    public SpendCalculator(Clock clock) {
        this.clock = clock;
    }

    public SpendRecord price(UsageEvent usage, PriceCatalog catalog) {
        boolean chargeable = usage.outcome() == Outcome.OK || usage.outcome() == Outcome.CLIENT_ABORTED
                || usage.outcome() == Outcome.UPSTREAM_CUT;
        Optional<ModelPrice> price = catalog.priceOf(usage.providerModel()).filter(ModelPrice::pricesTokens);
        long input = 0;
        long cached = 0;
        long output = 0;
        if (chargeable && price.isPresent()) {
            ModelPrice p = price.get();
            boolean tier = usage.promptTokens() > TIER_THRESHOLD_TOKENS && p.inputAbove200kPerMtok() != null;
            BigDecimal inputPrice = tier ? p.inputAbove200kPerMtok() : p.inputPerMtok();
            BigDecimal outputPrice = tier && p.outputAbove200kPerMtok() != null ? p.outputAbove200kPerMtok() : p.outputPerMtok();
            BigDecimal cachedPrice = tier && p.cachedInputAbove200kPerMtok() != null ? p.cachedInputAbove200kPerMtok()
                    : p.cachedInputPerMtok() != null ? p.cachedInputPerMtok() : inputPrice;
            long cachedTokens = Math.min(usage.cachedTokens(), usage.promptTokens());
            input = micros(usage.promptTokens() - cachedTokens, inputPrice);
            cached = micros(cachedTokens, cachedPrice);
            output = micros(usage.completionTokens(), outputPrice);
        }
        return new SpendRecord(usage.id(), usage.requestId(), usage.keyId(), usage.alias(), usage.provider(),
                usage.providerModel(), usage.endpoint(), usage.outcome().wireName(), usage.promptTokens(),
                usage.completionTokens(), usage.cachedTokens(), input, cached, output, input + cached + output,
                catalog.version(), chargeable && price.isEmpty(), usage.usageEstimated(), usage.finishedAt(),
                clock.instant(), usage.keyGroupId(), 0);
    }

    private static long micros(long tokens, BigDecimal pricePerMillionTokens) {
        return BigDecimal.valueOf(tokens).multiply(pricePerMillionTokens).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
