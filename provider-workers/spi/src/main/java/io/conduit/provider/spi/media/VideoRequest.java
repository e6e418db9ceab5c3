package io.conduit.provider.spi.media;

import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import java.math.BigDecimal;

/**
 * A client's OpenAI {@code POST /videos} request as video adapters read it: the fields every provider
 * maps in its own way. {@code input_reference} is taken as a {@code data:} or {@code https} URL string,
 * or an object holding one in {@code image_url} (a string or {@code {"url": ...}}) or {@code url}.
 *
 * @param prompt the text prompt, null when absent
 * @param seconds the length asked for (OpenAI sends a string such as {@code "8"}), null when absent
 * @param size the frame size asked for, null when absent
 * @param inputReference the image to start from, null when absent
 */
public record VideoRequest(String prompt, Integer seconds, VideoSize size, ReferenceImage inputReference) {

    /**
     * @throws io.conduit.provider.spi.ProviderException a bad request when a field has the wrong type or form
     */
    public static VideoRequest of(JsonObjectScan body) {
        BigDecimal seconds = ScannedFields.number(body, "seconds");
        if (seconds != null && (seconds.signum() <= 0 || seconds.stripTrailingZeros().scale() > 0)) {
            throw MediaFailures.badRequest("seconds", "'seconds' must be a whole number of seconds.");
        }
        String size = ScannedFields.string(body, "size");
        return new VideoRequest(ScannedFields.string(body, "prompt"), seconds == null ? null : seconds.intValueExact(),
                size == null ? null : VideoSize.parse(size, "size"), reference(body));
    }

    /** The size as text, e.g. {@code 1280x720}; null when absent. */
    public String sizeText() {
        return size == null ? null : size.toString();
    }

    private static ReferenceImage reference(JsonObjectScan body) {
        JsonType type = ScannedFields.type(body, "input_reference");
        if (type == null) {
            return null;
        }
        if (type == JsonType.STRING) {
            return ReferenceImage.parse(ScannedFields.string(body, "input_reference"), "input_reference");
        }
        JsonObjectScan object = ScannedFields.object(body, "input_reference");
        String url = ScannedFields.type(object, "image_url") == JsonType.OBJECT
                ? ScannedFields.string(ScannedFields.object(object, "image_url"), "url")
                : ScannedFields.string(object, "image_url");
        if (url == null) {
            url = ScannedFields.string(object, "url");
        }
        if (url == null) {
            throw MediaFailures.badRequest("input_reference",
                    "'input_reference' must carry the image as a data URL or an https URL (file ids are not supported).");
        }
        return ReferenceImage.parse(url, "input_reference");
    }
}
