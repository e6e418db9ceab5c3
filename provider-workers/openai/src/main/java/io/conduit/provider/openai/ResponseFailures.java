package io.conduit.provider.openai;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A failure the Responses API reports inside a 200: a {@code response} whose {@code status} is
 * {@code failed} (its {@code error} is {@code {code, message}}, the code one of
 * {@code ResponseErrorCode}), or an {@code error} event in a stream ({@code {code, message, param}}).
 */
final class ResponseFailures {

    private static final String FALLBACK = "The provider reported that the response failed.";
    private static final Set<String> POLICY = Set.of("image_content_policy_violation", "bio_policy", "content_filter",
            "content_policy_violation");
    private static final Set<String> INPUT = Set.of("invalid_prompt", "data_residency_mismatch", "empty_image_file",
            "failed_to_download_image", "unsupported_image_media_type");

    private ResponseFailures() {}

    /** From an object with {@code code}, {@code message} and, for error events, {@code param} (its {@code type} is the event's). */
    static ProviderException of(JsonNode error) {
        String code = text(error.path("code"));
        String message = text(error.path("message"));
        ProviderError providerError = new ProviderError(message == null || message.isBlank() ? FALLBACK : message,
                null, text(error.path("param")), code);
        return ProviderException.of(kindOf(code), 200, providerError, null);
    }

    static Kind kindOf(String code) {
        if (code == null) {
            return Kind.SERVER_ERROR;
        }
        if (POLICY.contains(code)) {
            return Kind.CONTENT_FILTERED;
        }
        if (INPUT.contains(code) || code.startsWith("invalid_") || code.startsWith("image_")) {
            return Kind.BAD_REQUEST;
        }
        return switch (code) {
            case "rate_limit_exceeded" -> Kind.RATE_LIMITED;
            case "vector_store_timeout" -> Kind.TIMEOUT;
            default -> Kind.SERVER_ERROR;
        };
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : node.isNumber() ? node.asString() : null;
    }
}
