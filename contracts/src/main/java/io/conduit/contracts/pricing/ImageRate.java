package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.contracts.json.PlainDecimal;
import java.math.BigDecimal;
import java.util.Locale;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Price of one generated image of a size and quality, in USD. {@code *} matches any size or quality.
 *
 * @param size e.g. {@code 1024x1024}, or {@code *}
 * @param quality e.g. {@code standard}, {@code hd}, {@code low}, {@code high}, or {@code *}
 */
public record ImageRate(
        String size,
        String quality,
        @JsonProperty("per_image") @JsonSerialize(using = PlainDecimal.class) BigDecimal perImage) {

    public ImageRate {
        size = Prices.wildcard(size);
        quality = Prices.wildcard(quality);
        perImage = Prices.check(perImage, "per_image");
        if (perImage == null) {
            throw new IllegalArgumentException("'per_image' is required");
        }
    }

    /** How well it fits a call's size and quality: 3 exact on both … 0 both wildcards; -1 no match. */
    int fit(String callSize, String callQuality) {
        boolean sizeExact = !size.equals("*") && size.equals(lower(callSize));
        boolean qualityExact = !quality.equals("*") && quality.equals(lower(callQuality));
        if ((!size.equals("*") && !sizeExact) || (!quality.equals("*") && !qualityExact)) {
            return -1;
        }
        return (sizeExact ? 2 : 0) + (qualityExact ? 1 : 0);
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
