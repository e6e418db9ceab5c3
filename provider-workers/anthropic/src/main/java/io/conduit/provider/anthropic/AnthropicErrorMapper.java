package io.conduit.provider.anthropic;

import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's error statuses (https://docs.anthropic.com/en/api/errors) mapped to the closed set
 * of provider errors: 400 {@code invalid_request_error}, 401 {@code authentication_error}, 402
 * {@code billing_error}, 403 {@code permission_error}, 404 {@code not_found_error}, 413
 * {@code request_too_large}, 429 {@code rate_limit_error} (with {@code retry-after}), 500
 * {@code api_error}, 504 {@code timeout_error}, 529 {@code overloaded_error}. The body is
 * {@code {"type":"error","error":{"type","message"},"request_id"}}; the error's type becomes the
 * OpenAI error's {@code type}. The same types arrive in {@code error} events of a stream.
 */
final class AnthropicErrorMapper implements ProviderErrorMapper {

    @Override
    public ProviderException map(int status, Function<String, String> header, byte[] body) {
        ProviderError error = readError(status, Jsons.read(body).path("error"));
        Kind kind = kindOf(status);
        Duration retryAfter = kind == Kind.RATE_LIMITED || kind == Kind.OVERLOADED ? retryAfter(header) : null;
        return ProviderException.of(kind, status, error, retryAfter);
    }

    /**
     * An error that came in a stream's {@code error} event (after a 200), mapped as the status its
     * type stands for in a plain answer, e.g. {@code overloaded_error} as a 529.
     */
    static ProviderException fromStreamEvent(JsonNode error) {
        int status = statusOf(error.path("type").asString(""));
        return ProviderException.of(kindOf(status), status, readError(status, error), null);
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 400, 413 -> Kind.BAD_REQUEST;
            case 401 -> Kind.AUTHENTICATION;
            // billing_error: this account cannot be used until its billing is fixed
            case 402, 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 408, 504 -> Kind.TIMEOUT;
            case 422 -> Kind.UNPROCESSABLE;
            case 429 -> Kind.RATE_LIMITED;
            case 503, 529 -> Kind.OVERLOADED;
            default -> status >= 500 || status == 409 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
        };
    }

    /** The HTTP status Anthropic documents for an error type. */
    static int statusOf(String type) {
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500; // api_error and types added later
        };
    }

    private static ProviderError readError(int status, JsonNode error) {
        String fallback = "The provider returned HTTP " + status + ".";
        if (!error.isObject()) {
            return new ProviderError(fallback, null, null, null);
        }
        String message = Jsons.string(error.path("message"), "");
        return new ProviderError(message.isBlank() ? fallback : message, Jsons.string(error.path("type"), null), null,
                null);
    }

    private static Duration retryAfter(Function<String, String> header) {
        String seconds = header.apply("retry-after");
        if (seconds == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(seconds.strip()) * 1000));
        } catch (NumberFormatException e) {
            return null; // an HTTP-date or garbage: no hint
        }
    }
}
