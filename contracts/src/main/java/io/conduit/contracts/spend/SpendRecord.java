package io.conduit.contracts.spend;

import java.time.Instant;

/**
 * One priced upstream call on {@code conduit.spend.v1}, the finance stream: exactly one per usage
 * event, with the same id. Amounts are integer micro-USD (1 USD = 1,000,000); {@code total_micros}
 * is the sum of the parts.
 *
 * @param id the usage event's id
 * @param requestId the client-visible request id
 * @param keyId virtual key charged
 * @param alias model the client asked for
 * @param provider provider that served the call
 * @param providerModel model the call was priced as
 * @param endpoint API called
 * @param outcome the usage event's outcome
 * @param promptTokens input tokens (cached included)
 * @param completionTokens output tokens (reasoning included)
 * @param cachedTokens input tokens read from the provider's cache
 * @param inputMicros charge for uncached input tokens
 * @param cachedInputMicros charge for cached input tokens
 * @param outputMicros charge for output tokens
 * @param totalMicros the whole charge
 * @param priceVersion version of the price catalog used (the catalog in force when the ledger priced it;
 *     the prices themselves are those effective at {@code occurredAt}, so pricing again gives the same amounts)
 * @param unpriced true when the model has no price: the call is recorded at zero and flagged, never silently free
 * @param usageEstimated true when tokens were counted by the gateway (client abort, cut stream)
 * @param occurredAt when the call finished
 * @param pricedAt when the ledger priced it
 * @param keyGroupId key group (team) charged with the key, null when none
 * @param mediaMicros charge for media units (images, video seconds, audio minutes, speech characters)
 * @param markup the markup or override that applied, as {@code alias/<alias>} or {@code key_group/<id>}; null when none
 * @param costMicros the catalog price of the call before any markup or override (equal to {@code total_micros} without one)
 */
public record SpendRecord(
        String id,
        String requestId,
        String keyId,
        String alias,
        String provider,
        String providerModel,
        String endpoint,
        String outcome,
        long promptTokens,
        long completionTokens,
        long cachedTokens,
        long inputMicros,
        long cachedInputMicros,
        long outputMicros,
        long totalMicros,
        String priceVersion,
        boolean unpriced,
        boolean usageEstimated,
        Instant occurredAt,
        Instant pricedAt,
        String keyGroupId,
        long mediaMicros,
        String markup,
        long costMicros) {

    /** A record without markup: the cost is the total. */
    public SpendRecord(String id, String requestId, String keyId, String alias, String provider, String providerModel,
            String endpoint, String outcome, long promptTokens, long completionTokens, long cachedTokens,
            long inputMicros, long cachedInputMicros, long outputMicros, long totalMicros, String priceVersion,
            boolean unpriced, boolean usageEstimated, Instant occurredAt, Instant pricedAt, String keyGroupId,
            long mediaMicros) {
        this(id, requestId, keyId, alias, provider, providerModel, endpoint, outcome, promptTokens, completionTokens,
                cachedTokens, inputMicros, cachedInputMicros, outputMicros, totalMicros, priceVersion, unpriced,
                usageEstimated, occurredAt, pricedAt, keyGroupId, mediaMicros, null, totalMicros);
    }
}
