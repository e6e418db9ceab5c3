package io.conduit.provider.cohere;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Cohere's error statuses (https://docs.cohere.com/reference/errors: 400, 401, 402, 404, 429,
 * 499, 500; the SDKs add 403, 422, 498, 501, 503, 504) mapped to the closed set of provider
 * errors. The body is {@code {"message": "..."}} (sometimes with an {@code id}). 402 (billing
 * limit reached) is the account's to fix, not retried; 499 ("request cancelled", which Cohere
 * says to retry) is retried.
 */
final class CohereErrorMapper implements ProviderErrorMapper {

    @Override
    public ProviderException map(int status, Function<String, String> header, byte[] body) {
        Kind kind = kindOf(status);
        Duration retryAfter = kind == Kind.RATE_LIMITED || kind == Kind.OVERLOADED ? retryAfter(header) : null;
        return ProviderException.of(kind, status, new ProviderError(message(status, body), null, null, null), retryAfter);
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 401, 498 -> Kind.AUTHENTICATION;
            case 402, 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 408 -> Kind.TIMEOUT;
            case 422 -> Kind.UNPROCESSABLE;
            case 429 -> Kind.RATE_LIMITED;
            case 499, 500, 502 -> Kind.SERVER_ERROR;
            case 501 -> Kind.BAD_REQUEST;
            case 503, 529 -> Kind.OVERLOADED;
            case 504 -> Kind.TIMEOUT;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
        };
    }

    private static String message(int status, byte[] body) {
        try {
            JsonNode message = JSON.readTree(body).path("message");
            if (message.isString() && !message.asString().isBlank()) {
                return message.asString();
            }
        } catch (JacksonException e) {
            // not JSON (a proxy's page): fall through to a generic message
        }
        return "Cohere returned HTTP " + status + ".";
    }

    private static Duration retryAfter(Function<String, String> header) {
        String seconds = header.apply("retry-after");
        if (seconds == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(seconds.strip()) * 1000));
        } catch (NumberFormatException e) {
            return null; // an HTTP-date: no usable hint
        }
    }
}
