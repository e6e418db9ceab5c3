package io.conduit.contracts.pricing;

import java.util.Locale;

/**
 * What happens to calls of a provider model without a price ({@code CONDUIT_LEDGER_UNPRICED_POLICY}).
 * Either way such a call is never silently free: the ledger records it at zero with
 * {@code unpriced: true} and counts it.
 */
public enum UnpricedPolicy {
    /** Serve the call; the ledger flags it (the default). */
    FLAG,
    /** Ingress refuses calls to deployments whose provider model has no price ({@code model_not_priced}). */
    REJECT;

    public static UnpricedPolicy parse(String value) {
        if (value == null || value.isBlank()) {
            return FLAG;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CONDUIT_LEDGER_UNPRICED_POLICY must be 'flag' or 'reject', not '" + value + "'");
        }
    }
}
