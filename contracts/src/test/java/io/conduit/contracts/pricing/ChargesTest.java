package io.conduit.contracts.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.usage.MediaUsage;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChargesTest {

    static final PriceRates MINI = new PriceRates(new TokenRates(new BigDecimal("0.15"), new BigDecimal("0.6"),
            new BigDecimal("0.075"), null), null, null);
    static final PriceRates TIERED = new PriceRates(TokenRates.of("1.25", "10"),
            new LongContextRates(200_000, new BigDecimal("2.5"), new BigDecimal("15"), null, null), null);
    static final PriceRates IMAGES = new PriceRates(TokenRates.of("0.3", "2.5"), null, new MediaRates(List.of(
            new ImageRate("1024x1024", "standard", new BigDecimal("0.04")),
            new ImageRate("1024x1024", "hd", new BigDecimal("0.08")),
            new ImageRate("*", "hd", new BigDecimal("0.12")),
            new ImageRate("*", "*", new BigDecimal("0.05"))), null, null, null));
    static final PriceRates MEDIA = new PriceRates(null, null, new MediaRates(List.of(),
            List.of(new VideoRate("1280x720", new BigDecimal("0.10")), new VideoRate("*", new BigDecimal("0.30"))),
            new BigDecimal("0.006"), new BigDecimal("0.015")));

    static MediaUsage images(int n, String size, String quality) {
        return new MediaUsage(n, size, quality, 0, null, 0, 0);
    }

    @Test
    void prices_input_cached_and_output_tokens_in_micro_usd() {
        Charge charge = Charges.of(MINI, BillableUnits.tokens(1_000, 400, 500), 0);

        assertThat(charge.inputMicros()).isEqualTo(90);        // 600 × 0.15
        assertThat(charge.cachedInputMicros()).isEqualTo(30);  // 400 × 0.075
        assertThat(charge.outputMicros()).isEqualTo(300);      // 500 × 0.6
        assertThat(charge.totalMicros()).isEqualTo(420);
        assertThat(charge.complete()).isTrue();
    }

    @Test
    void each_part_is_rounded_half_up_once_and_the_total_is_their_sum() {
        Charge charge = Charges.of(MINI, BillableUnits.tokens(3, 0, 1), 0);

        assertThat(charge.inputMicros()).isZero();      // 0.45
        assertThat(charge.outputMicros()).isEqualTo(1); // 0.6
        assertThat(charge.totalMicros()).isEqualTo(1);
    }

    @Test
    void a_prompt_over_the_threshold_moves_the_whole_call_to_the_long_context_tier() {
        assertThat(Charges.of(TIERED, BillableUnits.tokens(200_000, 0, 1_000), 0).totalMicros()).isEqualTo(250_000 + 10_000);
        assertThat(Charges.of(TIERED, BillableUnits.tokens(200_001, 0, 1_000), 0).totalMicros()).isEqualTo(500_003 + 15_000);
    }

    @Test
    void a_markup_in_basis_points_applies_to_every_part_before_rounding() {
        Charge plus15 = Charges.of(MINI, BillableUnits.tokens(1_000, 400, 500), 1_500);
        Charge discount = Charges.of(MINI, BillableUnits.tokens(1_000, 400, 500), -1_000);

        assertThat(plus15.inputMicros()).isEqualTo(104);   // 103.5
        assertThat(plus15.cachedInputMicros()).isEqualTo(35); // 34.5
        assertThat(plus15.outputMicros()).isEqualTo(345);
        assertThat(plus15.totalMicros()).isEqualTo(484);
        assertThat(discount.totalMicros()).isEqualTo(81 + 27 + 270);
    }

    @Test
    void images_are_priced_by_size_and_quality_with_wildcards_as_defaults() {
        assertThat(Charges.of(IMAGES, new BillableUnits(0, 0, 0, images(2, "1024x1024", "standard")), 0).mediaMicros())
                .isEqualTo(80_000);
        assertThat(Charges.of(IMAGES, new BillableUnits(0, 0, 0, images(1, "1024x1024", "HD")), 0).mediaMicros())
                .isEqualTo(80_000);
        assertThat(Charges.of(IMAGES, new BillableUnits(0, 0, 0, images(1, "1792x1024", "hd")), 0).mediaMicros())
                .isEqualTo(120_000);
        assertThat(Charges.of(IMAGES, new BillableUnits(0, 0, 0, images(1, "1792x1024", null)), 0).mediaMicros())
                .isEqualTo(50_000);
    }

    @Test
    void priced_media_replaces_the_tokens_on_its_side_of_the_call() {
        Charge image = Charges.of(IMAGES, new BillableUnits(100, 0, 1_290, images(1, "1024x1024", "standard")), 0);

        assertThat(image.inputMicros()).isEqualTo(30);   // the prompt is still charged
        assertThat(image.outputMicros()).isZero();       // the image tokens are the image
        assertThat(image.mediaMicros()).isEqualTo(40_000);

        PriceRates transcription = new PriceRates(TokenRates.of("2.5", "10"), null,
                new MediaRates(null, null, new BigDecimal("0.006"), null));
        Charge audio = Charges.of(transcription, new BillableUnits(1_000, 0, 100, new MediaUsage(0, null, null, 0, null, 60_000, 0)), 0);
        assertThat(audio.inputMicros()).isZero();
        assertThat(audio.outputMicros()).isEqualTo(1_000);
        assertThat(audio.mediaMicros()).isEqualTo(6_000);
    }

    @Test
    void video_seconds_audio_minutes_and_speech_characters_have_their_own_units() {
        MediaUsage video = new MediaUsage(0, null, null, 8, "1280x720", 0, 0);
        MediaUsage otherVideo = new MediaUsage(0, null, null, 8, "1920x1080", 0, 0);
        MediaUsage audio = new MediaUsage(0, null, null, 0, null, 90_500, 0);   // 1.508333… min
        MediaUsage speech = new MediaUsage(0, null, null, 0, null, 0, 2_345);

        assertThat(Charges.of(MEDIA, new BillableUnits(0, 0, 0, video), 0).mediaMicros()).isEqualTo(800_000);
        assertThat(Charges.of(MEDIA, new BillableUnits(0, 0, 0, otherVideo), 0).mediaMicros()).isEqualTo(2_400_000);
        assertThat(Charges.of(MEDIA, new BillableUnits(0, 0, 0, audio), 0).mediaMicros()).isEqualTo(9_050);
        assertThat(Charges.of(MEDIA, new BillableUnits(0, 0, 0, speech), 0).mediaMicros()).isEqualTo(35_175); // 35.175 ¢
        Charge oneMillisecond = Charges.of(MEDIA, new BillableUnits(0, 0, 0, new MediaUsage(0, null, null, 0, null, 1, 0)), 0);
        assertThat(oneMillisecond.mediaMicros()).isZero(); // 0.1 µUSD of audio
        assertThat(oneMillisecond.complete()).isTrue();
    }

    @Test
    void units_without_a_price_are_charged_nothing_and_the_charge_is_incomplete() {
        Charge noPrice = Charges.of(null, BillableUnits.tokens(10, 0, 1), 0);
        Charge imageOnlyModelAskedForTokens = Charges.of(MEDIA, BillableUnits.tokens(10, 0, 1), 0);
        Charge unpricedQuality = Charges.of(new PriceRates(null, null, new MediaRates(List.of(
                new ImageRate("1024x1024", "standard", new BigDecimal("0.04"))), null, null, null)),
                new BillableUnits(0, 0, 0, images(1, "1024x1024", "hd")), 0);
        Charge imageTokenModel = Charges.of(MINI, new BillableUnits(10, 0, 4_000, images(1, "1024x1024", "hd")), 0);

        assertThat(noPrice).isEqualTo(Charge.UNPRICED);
        assertThat(imageOnlyModelAskedForTokens.complete()).isFalse();
        assertThat(unpricedQuality.complete()).isFalse();
        assertThat(unpricedQuality.totalMicros()).isZero();
        assertThat(imageTokenModel.complete()).as("billed through its image tokens").isTrue();
        assertThat(imageTokenModel.outputMicros()).isEqualTo(2_400);
        assertThat(Charges.of(null, BillableUnits.tokens(0, 0, 0), 0)).isEqualTo(Charge.NONE);
    }

    @Test
    void the_worst_case_charges_every_prompt_token_uncached_and_the_full_output_limit() {
        Charge worst = Charges.worstCase(MINI, 1_000, 16_384, 0);

        assertThat(worst.totalMicros()).isEqualTo(150 + 9_830);
        assertThat(Charges.worstCase(MEDIA, 1_000, 100, 0).complete()).isFalse();
    }
}
