package io.conduit.contracts.pricing;

import io.conduit.contracts.json.PlainDecimal;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** Checks shared by the price records. A violation is an {@link IllegalArgumentException} naming the field. */
final class Prices {

    private Prices() {}

    static BigDecimal check(BigDecimal price, String field) {
        if (price == null) {
            return null;
        }
        if (price.signum() < 0) {
            throw new IllegalArgumentException("'" + field + "' must not be negative");
        }
        return PlainDecimal.normalize(price);
    }

    static String wildcard(String value) {
        return value == null || value.isBlank() ? "*" : value.strip().toLowerCase(Locale.ROOT);
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
