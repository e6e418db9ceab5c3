package io.conduit.provider.cohere;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.util.Locale;

/**
 * Cohere's {@code finish_reason} in OpenAI terms. {@code ERROR} and {@code TIMEOUT} are not
 * answers but failures the provider reports with a 200; they become provider exceptions.
 * {@code ERROR_TOXIC} is not among the v2 values Cohere documents (its enum is open), but it is
 * the value Cohere's v1 API (and Cohere on OCI) uses for a blocked generation, so it is read as
 * {@code content_filter}.
 */
final class CohereFinishReasons {

    private CohereFinishReasons() {}

    /** The OpenAI finish reason, or null when the reason is a failure (see {@link #failure}). */
    static String toOpenAi(String cohere) {
        if (cohere == null) {
            return "stop";
        }
        return switch (cohere.toUpperCase(Locale.ROOT)) {
            case "COMPLETE", "STOP_SEQUENCE" -> "stop";
            case "MAX_TOKENS" -> "length";
            case "TOOL_CALL" -> "tool_calls";
            case "ERROR_TOXIC" -> "content_filter";
            case "ERROR", "TIMEOUT", "ERROR_LIMIT" -> null;
            default -> "stop";
        };
    }

    /** The failure a {@code finish_reason} of ERROR / TIMEOUT stands for. */
    static ProviderException failure(String cohere, String detail) {
        boolean timeout = "TIMEOUT".equalsIgnoreCase(cohere);
        String message = detail != null && !detail.isBlank() ? detail
                : timeout ? "Cohere timed out before the answer was complete."
                : "Cohere stopped generating because of an error.";
        // there is no HTTP error status (the answer came with a 200): the equivalent one is given
        return ProviderException.of(timeout ? Kind.TIMEOUT : Kind.SERVER_ERROR, timeout ? 504 : 500,
                new ProviderError(message, "api_error", null, timeout ? "cohere_timeout" : "cohere_error"), null);
    }
}
