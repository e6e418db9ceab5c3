package io.conduit.ledger.topology;

import io.conduit.contracts.spend.SpendRecord;

/**
 * Running totals of spend records over one period and one dimension value (see {@link SpendAggregates}).
 * Amounts are integer micro-USD, so totals are exact sums.
 *
 * @param requests spend records counted
 * @param unpricedRequests of which had no price
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param cachedTokens cached input tokens
 * @param totalMicros charge in micro-USD
 */
public record SpendTotals(long requests, long unpricedRequests, long promptTokens, long completionTokens,
        long cachedTokens, long totalMicros) {

    public static final SpendTotals ZERO = new SpendTotals(0, 0, 0, 0, 0, 0);

    public SpendTotals plus(SpendRecord record) {
        return new SpendTotals(requests + 1, unpricedRequests + (record.unpriced() ? 1 : 0),
                promptTokens + record.promptTokens(), completionTokens + record.completionTokens(),
                cachedTokens + record.cachedTokens(), Math.addExact(totalMicros, record.totalMicros()));
    }

    SpendTotals plus(SpendDelta delta) {
        return new SpendTotals(requests + 1, unpricedRequests + (delta.unpriced() ? 1 : 0),
                promptTokens + delta.promptTokens(), completionTokens + delta.completionTokens(),
                cachedTokens + delta.cachedTokens(), Math.addExact(totalMicros, delta.totalMicros()));
    }

    public SpendTotals plus(SpendTotals other) {
        return new SpendTotals(requests + other.requests, unpricedRequests + other.unpricedRequests,
                promptTokens + other.promptTokens, completionTokens + other.completionTokens,
                cachedTokens + other.cachedTokens, Math.addExact(totalMicros, other.totalMicros));
    }
}
