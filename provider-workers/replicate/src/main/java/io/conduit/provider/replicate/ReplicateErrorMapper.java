package io.conduit.provider.replicate;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Replicate's error answers, RFC 7807 problem details ({@code {"title","detail","status"}}, with
 * {@code invalid_fields} on a 422), mapped to the closed set: 400 bad request, 401 a bad token, 402
 * insufficient credit (the account cannot be used), 403, 404 an unknown model, version or prediction,
 * 409 a conflict (e.g. a version that cannot run), 422 invalid inputs — none retried; 429 throttled
 * (with {@code retry-after}), 500, 502, 503, 504 — retried. The message is the {@code detail}, else the
 * {@code title}.
 */
final class ReplicateErrorMapper implements ProviderErrorMapper {

    @Override
    public ProviderException map(int status, Function<String, String> header, byte[] body) {
        Kind kind = kindOf(status);
        String message = "Replicate returned HTTP " + status + ".";
        String title = null;
        String param = null;
        try {
            JsonNode root = Predictions.JSON.readTree(body);
            if (root != null && root.isObject()) {
                title = root.path("title").asString(null);
                String detail = root.path("detail").asString("");
                if (!detail.isBlank()) {
                    message = detail.strip();
                } else if (title != null && !title.isBlank()) {
                    message = title;
                }
                param = root.path("invalid_fields").path(0).path("field").asString(null);
            }
        } catch (RuntimeException e) {
            // not JSON (a proxy's page): the status alone speaks
        }
        Duration retryAfter = kind == Kind.RATE_LIMITED || kind == Kind.OVERLOADED ? retryAfter(header) : null;
        return ProviderException.of(kind, status, new ProviderError(message, title, param, null), retryAfter);
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 400, 409 -> Kind.BAD_REQUEST;
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
