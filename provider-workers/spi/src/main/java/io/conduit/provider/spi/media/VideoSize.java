package io.conduit.provider.spi.media;

import java.util.Locale;

/**
 * A video or image size as OpenAI writes it, {@code WIDTHxHEIGHT} in pixels (e.g. {@code 1280x720}).
 *
 * @param width pixels across
 * @param height pixels down
 */
public record VideoSize(int width, int height) {

    public VideoSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a size needs a positive width and height");
        }
    }

    /**
     * Reads {@code 1280x720}.
     *
     * @throws io.conduit.provider.spi.ProviderException a bad request when the text is no such size
     */
    public static VideoSize parse(String text, String param) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int x = t.indexOf('x');
        try {
            if (x > 0) {
                return new VideoSize(Integer.parseInt(t.substring(0, x)), Integer.parseInt(t.substring(x + 1)));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw MediaFailures.badRequest(param, "'" + param + "' must be a size such as 1280x720, not '" + text + "'.");
    }

    /** The reduced ratio, e.g. {@code 16:9} for 1280x720, {@code 9:16} for 720x1280. */
    public String aspectRatio() {
        int gcd = gcd(width, height);
        return width / gcd + ":" + height / gcd;
    }

    /** The short side with a {@code p}, as resolutions are named: {@code 720p}, {@code 1080p}. */
    public String lines() {
        return Math.min(width, height) + "p";
    }

    public boolean landscape() {
        return width >= height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
