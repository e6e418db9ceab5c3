package io.conduit.contracts.pricing;

import java.time.Instant;

/** Something that applies from an instant (inclusive) until another (exclusive, open when null). */
public interface Effective {

    Instant effectiveFrom();

    Instant effectiveUntil();

    default boolean startedBy(Instant at) {
        return !effectiveFrom().isAfter(at);
    }

    default boolean endedBy(Instant at) {
        return effectiveUntil() != null && !effectiveUntil().isAfter(at);
    }
}
