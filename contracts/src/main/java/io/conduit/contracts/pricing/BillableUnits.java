package io.conduit.contracts.pricing;

import io.conduit.contracts.usage.MediaUsage;

/**
 * What one call is charged for.
 *
 * @param promptTokens input tokens, cached included
 * @param cachedTokens of which read from the provider's prompt cache
 * @param completionTokens output tokens, reasoning included
 * @param media media units produced, null for a token-only call
 */
public record BillableUnits(long promptTokens, long cachedTokens, long completionTokens, MediaUsage media) {

    public BillableUnits {
        promptTokens = Math.max(0, promptTokens);
        cachedTokens = Math.min(Math.max(0, cachedTokens), promptTokens);
        completionTokens = Math.max(0, completionTokens);
    }

    public static BillableUnits tokens(long promptTokens, long cachedTokens, long completionTokens) {
        return new BillableUnits(promptTokens, cachedTokens, completionTokens, null);
    }
}
