package io.conduit.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.contracts.json.PlainDecimal;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Prices of media units, in USD.
 *
 * @param images per generated image, by size and quality ({@code *} as a default)
 * @param video per second of generated video, by resolution ({@code *} as a default)
 * @param audioPerMinute per minute of audio transcribed or translated (billed to the millisecond)
 * @param speechPer1kChars per 1,000 characters of text turned into speech
 */
public record MediaRates(
        List<ImageRate> images,
        List<VideoRate> video,
        @JsonProperty("audio_per_minute") @JsonSerialize(using = PlainDecimal.class) BigDecimal audioPerMinute,
        @JsonProperty("speech_per_1k_chars") @JsonSerialize(using = PlainDecimal.class) BigDecimal speechPer1kChars) {

    public static final MediaRates NONE = new MediaRates(List.of(), List.of(), null, null);

    public MediaRates {
        images = Prices.list(images);
        video = Prices.list(video);
        audioPerMinute = Prices.check(audioPerMinute, "audio_per_minute");
        speechPer1kChars = Prices.check(speechPer1kChars, "speech_per_1k_chars");
        if (images.stream().map(i -> i.size() + "/" + i.quality()).distinct().count() != images.size()) {
            throw new IllegalArgumentException("'images' lists a size and quality twice");
        }
        if (video.stream().map(VideoRate::resolution).distinct().count() != video.size()) {
            throw new IllegalArgumentException("'video' lists a resolution twice");
        }
    }

    /** The price of one image: exact size and quality first, then size with any quality, then quality with any size, then {@code *}/{@code *}. */
    public Optional<BigDecimal> imagePrice(String size, String quality) {
        return images.stream()
                .filter(rate -> rate.fit(size, quality) >= 0)
                .max(Comparator.comparingInt(rate -> rate.fit(size, quality)))
                .map(ImageRate::perImage);
    }

    /** The price of one second of video: the exact resolution, else {@code *}. */
    public Optional<BigDecimal> videoPricePerSecond(String resolution) {
        String wanted = Prices.wildcard(resolution);
        return video.stream().filter(rate -> rate.resolution().equals(wanted)).findFirst()
                .or(() -> video.stream().filter(rate -> rate.resolution().equals("*")).findFirst())
                .map(VideoRate::perSecond);
    }

    boolean isEmpty() {
        return images.isEmpty() && video.isEmpty() && audioPerMinute == null && speechPer1kChars == null;
    }
}
