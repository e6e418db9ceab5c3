package io.conduit.provider.openai;

import io.conduit.contracts.json.Json;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's error statuses (https://platform.openai.com/docs/guides/error-codes) mapped to the
 * closed set of provider errors. 429 carries {@code retry-after} / {@code retry-after-ms}.
 */
final class OpenAiErrorMapper implements ProviderErrorMapper {

    private static final Set<String> CONTENT_FILTER_CODES = Set.of("content_filter", "content_policy_violation");

    @Override
    public ProviderException map(int status, Function<String, String> header, byte[] body) {
        ProviderError error = readError(status, body);
        Kind kind = kindOf(status, error);
        Duration retryAfter = kind == Kind.RATE_LIMITED || kind == Kind.OVERLOADED ? retryAfter(header) : null;
        return ProviderException.of(kind, status, error, retryAfter);
    }

    static Kind kindOf(int status, ProviderError error) {
        if (error.code() != null && CONTENT_FILTER_CODES.contains(error.code())) {
            return Kind.CONTENT_FILTERED;
        }
        return switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 401 -> Kind.AUTHENTICATION;
            case 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 408 -> Kind.TIMEOUT;
            case 409, 500, 502 -> Kind.SERVER_ERROR;
            case 422 -> Kind.UNPROCESSABLE;
            case 429 -> Kind.RATE_LIMITED;
            case 503, 529 -> Kind.OVERLOADED;
            case 504 -> Kind.TIMEOUT;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
        };
    }

    private static ProviderError readError(int status, byte[] body) {
        try {
            JsonNode error = Json.mapper().readTree(body).path("error");
            if (error.isObject()) {
                return new ProviderError(
                        text(error.path("message"), "The provider returned HTTP " + status + "."),
                        text(error.path("type"), null),
                        text(error.path("param"), null),
                        error.path("code").isNumber() ? error.path("code").asString() : text(error.path("code"), null));
            }
            if (error.isString()) {
                return new ProviderError(error.asString(), null, null, null);
            }
        } catch (JacksonException e) {
            // not JSON: fall through to a generic message; the raw body may hold anything
        }
        return new ProviderError("The provider returned HTTP " + status + ".", null, null, null);
    }

    private static String text(JsonNode node, String fallback) {
        return node.isString() ? node.asString() : fallback;
    }

    private static Duration retryAfter(Function<String, String> header) {
        String ms = header.apply("retry-after-ms");
        String seconds = header.apply("retry-after");
        try {
            if (ms != null) {
                return Duration.ofMillis(Math.round(Double.parseDouble(ms.strip())));
            }
            if (seconds != null) {
                return Duration.ofMillis(Math.round(Double.parseDouble(seconds.strip()) * 1000));
            }
        } catch (NumberFormatException e) {
            // an HTTP-date or garbage: no hint
        }
        return null;
    }
}
