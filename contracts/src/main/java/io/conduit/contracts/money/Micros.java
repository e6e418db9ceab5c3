package io.conduit.contracts.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact conversions between USD amounts and integer micro-USD (1 USD = 1,000,000 micros). */
public final class Micros {

    private static final int SCALE = 6;

    private Micros() {}

    /**
     * The micros of a USD amount.
     *
     * @throws ArithmeticException when the amount has more than six decimals or does not fit a long
     */
    public static long fromUsd(BigDecimal usd) {
        return usd.setScale(SCALE, RoundingMode.UNNECESSARY).movePointRight(SCALE).longValueExact();
    }

    /** The USD amount of some micros, with six decimals. */
    public static BigDecimal toUsd(long micros) {
        return BigDecimal.valueOf(micros, SCALE);
    }

    /** The USD amount as a plain decimal string, e.g. {@code 1.250000}. */
    public static String usdString(long micros) {
        return toUsd(micros).toPlainString();
    }
}
