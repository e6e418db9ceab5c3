package io.conduit.ingress.budget;

import io.conduit.contracts.usage.UsageEvent;
import java.time.Instant;

/** What calls cost, in micro-USD, by the same prices and billing rules the ledger uses. */
public interface CallPricer {

    /** The most a call to this model may cost: its prompt, and every output token it may generate. 0 when unpriced. */
    long worstCaseMicros(String provider, String providerModel, long promptTokens, long maxOutputTokens, Instant at);

    /** What a finished call costs (failed calls cost nothing). 0 when unpriced. */
    long micros(UsageEvent event);
}
