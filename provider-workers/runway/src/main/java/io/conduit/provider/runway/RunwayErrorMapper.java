package io.conduit.provider.runway;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runway's HTTP errors (https://docs.dev.runwayml.com/errors/errors) mapped to the closed set: 400 an
 * input problem ({@code {"error": "..."}}, validation failures with {@code issues}), 401 an invalid key,
 * 404 an unknown task, 405 a wrong method — none retried; 429 too many requests or an integration's
 * limits reached, 502 and 503 Runway shedding load, 504 Runway overloaded — retried, 429 with
 * {@code retry-after} when sent.
 */
final class RunwayErrorMapper implements ProviderErrorMapper {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public ProviderException map(int status, Function<String, String> header, byte[] body) {
        Kind kind = kindOf(status);
        ProviderError error = read(status, body, kind);
        Duration retryAfter = kind.retriable() ? retryAfter(header) : null;
        return ProviderException.of(kind, status, error, retryAfter);
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 400, 405 -> Kind.BAD_REQUEST;
            case 401 -> Kind.AUTHENTICATION;
            case 402, 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 408 -> Kind.TIMEOUT;
            case 422 -> Kind.UNPROCESSABLE;
            case 429 -> Kind.RATE_LIMITED;
            case 502, 503 -> Kind.OVERLOADED;
            case 504 -> Kind.TIMEOUT;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
        };
    }

    private static ProviderError read(int status, byte[] body, Kind kind) {
        String message = "Runway returned HTTP " + status + ".";
        String param = null;
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.path("error").isString() && !root.path("error").asString().isBlank()) {
                message = root.path("error").asString();
                JsonNode issue = root.path("issues").path(0);
                if (issue.path("message").isString()) {
                    message = message + ": " + issue.path("message").asString();
                    param = issue.path("path").isArray() && !issue.path("path").isEmpty()
                            ? issue.path("path").path(0).asString(null) : null;
                }
            }
        } catch (JacksonException e) {
            // not JSON (a proxy's page): the status alone speaks
        }
        return new ProviderError(message, kind == Kind.BAD_REQUEST ? "invalid_request_error" : null, param, null);
    }

    private static Duration retryAfter(Function<String, String> header) {
        String seconds = header.apply("retry-after");
        if (seconds == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(seconds.strip()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
