package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.contracts.json.PlainDecimal;
import java.math.BigDecimal;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Price of one second of generated video at a resolution, in USD. {@code *} matches any resolution.
 *
 * @param resolution e.g. {@code 1280x720}, or {@code *}
 */
public record VideoRate(
        String resolution,
        @JsonProperty("per_second") @JsonSerialize(using = PlainDecimal.class) BigDecimal perSecond) {

    public VideoRate {
        resolution = Prices.wildcard(resolution);
        perSecond = Prices.check(perSecond, "per_second");
        if (perSecond == null) {
            throw new IllegalArgumentException("'per_second' is required");
        }
    }
}
