package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What calls of an alias or a key group are charged instead of the catalog price, from one
 * instant on: either the catalog price with a markup in basis points (1500 = +15 %, -1000 = a 10 %
 * discount), or an override price that replaces the catalog's. Like price entries, markups are
 * never edited into the past. When both a key group and an alias markup apply, the key group's wins.
 *
 * @param scope alias or key group
 * @param id the alias name or the key group id
 * @param basisPoints markup on the catalog price, null when {@code override} is set
 * @param override price used instead of the catalog's, null when {@code basisPoints} is set
 */
public record Markup(
        MarkupScope scope,
        String id,
        @JsonProperty("effective_from") Instant effectiveFrom,
        @JsonProperty("effective_until") Instant effectiveUntil,
        @JsonProperty("basis_points") Integer basisPoints,
        PriceRates override) implements Effective {

    /** The largest markup accepted: +1000 %. */
    public static final int MAX_BASIS_POINTS = 100_000;

    public Markup {
        if (scope == null) {
            throw new IllegalArgumentException("'scope' must be alias or key_group");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("'id' is required");
        }
        id = id.strip();
        if (effectiveFrom == null) {
            throw new IllegalArgumentException("'effective_from' is required");
        }
        if (effectiveUntil != null && !effectiveUntil.isAfter(effectiveFrom)) {
            throw new IllegalArgumentException("'effective_until' must be after 'effective_from'");
        }
        if ((basisPoints == null) == (override == null)) {
            throw new IllegalArgumentException("a markup has either 'basis_points' or 'override'");
        }
        if (basisPoints != null && (basisPoints < -10_000 || basisPoints > MAX_BASIS_POINTS)) {
            throw new IllegalArgumentException("'basis_points' must be between -10000 and " + MAX_BASIS_POINTS);
        }
    }

    /** The key of the scope and id, e.g. {@code alias/fast}. */
    public String key() {
        return scope.wireName() + "/" + id;
    }

    /** The same markup, effective over another period. */
    public Markup during(Instant from, Instant until) {
        return new Markup(scope, id, from, until, basisPoints, override);
    }
}
