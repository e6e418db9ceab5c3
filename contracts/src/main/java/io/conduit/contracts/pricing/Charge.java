package io.conduit.contracts.pricing;

/**
 * What a call costs, in whole micro-USD per part; the total is the sum of the parts.
 *
 * @param inputMicros uncached input tokens
 * @param cachedInputMicros cached input tokens
 * @param outputMicros output tokens
 * @param mediaMicros images, video seconds, audio minutes and speech characters together
 * @param complete false when some of the call's units had no price (those are charged nothing)
 */
public record Charge(long inputMicros, long cachedInputMicros, long outputMicros, long mediaMicros, boolean complete) {

    /** Nothing to pay, nothing missing. */
    public static final Charge NONE = new Charge(0, 0, 0, 0, true);

    /** Nothing could be priced. */
    public static final Charge UNPRICED = new Charge(0, 0, 0, 0, false);

    public long totalMicros() {
        return Math.addExact(Math.addExact(inputMicros, cachedInputMicros), Math.addExact(outputMicros, mediaMicros));
    }
}
