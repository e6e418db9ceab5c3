package io.conduit.provider.spi.media;

import java.util.Base64;
import java.util.Locale;

/**
 * An image a client sent to guide a generation (OpenAI's {@code input_reference}): either inline, as a
 * {@code data:} URL, or at an {@code https} URL.
 *
 * @param url the {@code https} URL, null when inline
 * @param mimeType the inline image's type, e.g. {@code image/png}; null for a URL
 * @param base64 the inline image's bytes in base64, null for a URL
 */
public record ReferenceImage(String url, String mimeType, String base64) {

    /**
     * Reads a {@code data:image/png;base64,...} or {@code https://...} value.
     *
     * @throws io.conduit.provider.spi.ProviderException a bad request for anything else
     */
    public static ReferenceImage parse(String value, String param) {
        String v = value == null ? "" : value.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return new ReferenceImage(v, null, null);
        }
        int comma = v.indexOf(',');
        if (lower.startsWith("data:") && comma > 0 && lower.substring(0, comma).endsWith(";base64")) {
            String mime = v.substring("data:".length(), v.indexOf(';'));
            String data = v.substring(comma + 1);
            try {
                Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                throw MediaFailures.badRequest(param, "'" + param + "' is a data URL whose base64 cannot be read.");
            }
            return new ReferenceImage(null, mime.isBlank() ? "image/png" : mime, data);
        }
        throw MediaFailures.badRequest(param, "'" + param + "' must be an image as a base64 data URL or an https URL.");
    }

    public boolean inline() {
        return base64 != null;
    }

    /** The image as a URL a provider can take: the https URL, or the {@code data:} URL of an inline image. */
    public String asUrl() {
        return inline() ? "data:" + mimeType + ";base64," + base64 : url;
    }
}
