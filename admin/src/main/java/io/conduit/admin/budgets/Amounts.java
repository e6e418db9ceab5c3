package io.conduit.admin.budgets;

import io.conduit.admin.web.AdminException;
import io.conduit.contracts.money.Micros;
import java.math.BigDecimal;

/** An amount given either in USD or in micro-USD, checked to be exact. */
final class Amounts {

    private Amounts() {}

    static long micros(BigDecimal usd, Long micros, String param, boolean positive) {
        if ((usd == null) == (micros == null)) {
            throw AdminException.badRequest(param + "_usd", "Give the amount as either '" + param + "_usd' or '"
                    + param + "_micros'.");
        }
        long value;
        if (micros != null) {
            value = micros;
        } else {
            try {
                value = Micros.fromUsd(usd);
            } catch (ArithmeticException e) {
                throw AdminException.badRequest(param + "_usd", "'" + param + "_usd' must have at most six decimals.");
            }
        }
        if (positive ? value <= 0 : value == 0) {
            throw AdminException.badRequest(param + (usd != null ? "_usd" : "_micros"),
                    positive ? "The amount must be positive." : "The amount must not be zero.");
        }
        return value;
    }
}
