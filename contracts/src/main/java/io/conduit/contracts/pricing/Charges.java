package io.conduit.contracts.pricing;

import io.conduit.contracts.usage.MediaUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The pricing arithmetic, shared by the ledger (what a call cost) and ingress (what a call may
 * cost at worst). Exact decimals throughout; each part is rounded half-up to a whole micro-USD
 * once, after the markup, so totals over any set of charges are exact sums of integers
 * (docs/billing.md).
 *
 * <ul>
 *   <li>Tokens × USD per million tokens = micro-USD. A prompt above the long-context threshold moves
 *       the whole call to the tier. Cached input tokens are charged at the cache-read price (the input
 *       price when the model has none).
 *   <li>Images × price of their size and quality; video seconds × price of their resolution; speech
 *       characters × price per 1,000 / 1,000; audio milliseconds × price per minute / 60,000.
 *   <li>Media priced by its units replaces the tokens on its side of the call: generated images, video
 *       and speech replace the output tokens, transcribed audio replaces the input tokens — so a model
 *       priced both per image and per image token is never charged twice.
 *   <li>Units without a price are charged nothing and make the charge incomplete — except media units
 *       of a call whose tokens were priced: providers that report tokens for media (image-token models,
 *       token-billed transcription) bill the media through those tokens.
 * </ul>
 */
public final class Charges {

    private static final BigDecimal MICROS_PER_USD = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal MILLIS_PER_MINUTE = BigDecimal.valueOf(60_000);
    private static final int AUDIO_SCALE = 20;

    private Charges() {}

    /**
     * What the units cost at these rates, with a markup in basis points applied to every part
     * before rounding (0 for none).
     */
    public static Charge of(PriceRates rates, BillableUnits units, int markupBasisPoints) {
        if (rates == null) {
            return hasUnits(units) ? Charge.UNPRICED : Charge.NONE;
        }
        BigDecimal factor = BigDecimal.valueOf(10_000L + markupBasisPoints).movePointLeft(4);
        MediaCharge media = media(rates.media(), units.media());
        TokenRates tokens = rates.tokensFor(units.promptTokens());
        boolean missing = false;

        long uncached = media.replacesInput ? 0 : units.promptTokens() - units.cachedTokens();
        long cachedTokens = media.replacesInput ? 0 : units.cachedTokens();
        long completion = media.replacesOutput ? 0 : units.completionTokens();
        BigDecimal input = BigDecimal.ZERO;
        if (uncached > 0) {
            BigDecimal price = tokens == null ? null : tokens.inputPerMtok();
            missing |= price == null;
            input = price == null ? input : price.multiply(BigDecimal.valueOf(uncached));
        }
        BigDecimal cached = BigDecimal.ZERO;
        if (cachedTokens > 0) {
            BigDecimal price = tokens == null ? null
                    : tokens.cacheReadPerMtok() != null ? tokens.cacheReadPerMtok() : tokens.inputPerMtok();
            missing |= price == null;
            cached = price == null ? cached : price.multiply(BigDecimal.valueOf(cachedTokens));
        }
        BigDecimal output = BigDecimal.ZERO;
        if (completion > 0) {
            BigDecimal price = tokens == null ? null : tokens.outputPerMtok();
            missing |= price == null;
            output = price == null ? output : price.multiply(BigDecimal.valueOf(completion));
        }
        boolean tokensPriced = !missing && uncached + cachedTokens + completion > 0;
        missing |= media.missing && !tokensPriced;
        return new Charge(micros(input, factor), micros(cached, factor), micros(output, factor),
                micros(media.micros, factor), !missing);
    }

    private record MediaCharge(BigDecimal micros, boolean replacesInput, boolean replacesOutput, boolean missing) {}

    private static MediaCharge media(MediaRates rates, MediaUsage m) {
        if (m == null) {
            return new MediaCharge(BigDecimal.ZERO, false, false, false);
        }
        BigDecimal micros = BigDecimal.ZERO;
        boolean input = false;
        boolean output = false;
        boolean missing = false;
        if (m.images() > 0) {
            Optional<BigDecimal> price = rates.imagePrice(m.imageSize(), m.imageQuality());
            missing |= price.isEmpty();
            output |= price.isPresent();
            micros = micros.add(price.map(p -> p.multiply(BigDecimal.valueOf(m.images()))).orElse(BigDecimal.ZERO)
                    .multiply(MICROS_PER_USD));
        }
        if (m.videoSeconds() > 0) {
            Optional<BigDecimal> price = rates.videoPricePerSecond(m.videoResolution());
            missing |= price.isEmpty();
            output |= price.isPresent();
            micros = micros.add(price.map(p -> p.multiply(BigDecimal.valueOf(m.videoSeconds()))).orElse(BigDecimal.ZERO)
                    .multiply(MICROS_PER_USD));
        }
        if (m.speechCharacters() > 0) {
            BigDecimal price = rates.speechPer1kChars();
            missing |= price == null;
            output |= price != null;
            if (price != null) {
                micros = micros.add(price.multiply(BigDecimal.valueOf(m.speechCharacters())).multiply(BigDecimal.valueOf(1_000)));
            }
        }
        if (m.audioMillis() > 0) {
            BigDecimal price = rates.audioPerMinute();
            missing |= price == null;
            input |= price != null;
            if (price != null) {
                micros = micros.add(price.multiply(BigDecimal.valueOf(m.audioMillis())).multiply(MICROS_PER_USD)
                        .divide(MILLIS_PER_MINUTE, AUDIO_SCALE, RoundingMode.HALF_UP));
            }
        }
        return new MediaCharge(micros, input, output, missing);
    }

    /**
     * The most a token call can cost: every prompt token uncached, {@code maxCompletionTokens}
     * generated (the request's limit, else the model's {@code max_output_tokens}). Incomplete when the
     * rates do not price tokens.
     */
    public static Charge worstCase(PriceRates rates, long promptTokens, long maxCompletionTokens, int markupBasisPoints) {
        return of(rates, BillableUnits.tokens(promptTokens, 0, maxCompletionTokens), markupBasisPoints);
    }

    private static boolean hasUnits(BillableUnits units) {
        MediaUsage m = units.media();
        return units.promptTokens() > 0 || units.completionTokens() > 0 || m != null && (m.images() > 0
                || m.videoSeconds() > 0 || m.audioMillis() > 0 || m.speechCharacters() > 0);
    }

    private static long micros(BigDecimal exact, BigDecimal factor) {
        return exact.multiply(factor).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
