package io.conduit.provider.gemini;

import static io.conduit.provider.gemini.GeminiJson.text;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Google's error answers ({@code {"error":{"code","message","status","details":[...]}}}, the
 * google.rpc.Status of https://cloud.google.com/apis/design/errors; the Gemini API's table at
 * https://ai.google.dev/gemini-api/docs/troubleshooting) mapped to the closed set of provider
 * errors. An invalid API key is a 400 {@code INVALID_ARGUMENT} with reason {@code API_KEY_INVALID}:
 * an authentication failure, not a bad request. A 429 {@code RESOURCE_EXHAUSTED} is retriable, its
 * wait taken from {@code retry-after} or from the {@code google.rpc.RetryInfo} detail.
 */
final class GeminiErrorMapper implements ProviderErrorMapper {

    private static final Set<String> BAD_CREDENTIALS = Set.of("API_KEY_INVALID", "API_KEY_EXPIRED",
            "ACCESS_TOKEN_EXPIRED", "ACCESS_TOKEN_TYPE_UNSUPPORTED", "CREDENTIALS_MISSING", "ACCOUNT_STATE_INVALID");
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

    @Override
    public ProviderException map(int status, Function<String, String> header, byte[] body) {
        JsonNode root = GeminiJson.parseOrNull(body, 0, body.length);
        if (root != null && root.isArray()) {
            root = root.path(0); // streamGenerateContent without alt=sse wraps its error in an array
        }
        JsonNode error = root == null ? null : root.path("error");
        if (error == null || !error.isObject()) {
            Kind kind = kindOf(status, null, null);
            return ProviderException.of(kind, status,
                    new ProviderError("The provider returned HTTP " + status + ".", typeOf(kind), null, null),
                    retriableWait(kind) ? retryAfter(header, null) : null);
        }
        return fromErrorObject(status, error, header);
    }

    /** Maps a google.rpc.Status object, also one sent inside a stream or a 200 body. */
    ProviderException fromErrorObject(int status, JsonNode error, Function<String, String> header) {
        String googleStatus = text(error.path("status"));
        String reason = null;
        JsonNode retryInfo = null;
        for (JsonNode detail : error.path("details")) {
            String type = text(detail.path("@type"));
            if (ERROR_INFO.equals(type) && reason == null) {
                reason = text(detail.path("reason"));
            } else if (RETRY_INFO.equals(type)) {
                retryInfo = detail;
            }
        }
        int effectiveStatus = status >= 400 ? status : error.path("code").asInt(500);
        Kind kind = kindOf(effectiveStatus, googleStatus, reason);
        String message = text(error.path("message"));
        ProviderError providerError = new ProviderError(
                message == null || message.isBlank() ? "The provider returned HTTP " + effectiveStatus + "." : message,
                typeOf(kind), null, googleStatus);
        return ProviderException.of(kind, status, providerError,
                retriableWait(kind) ? retryAfter(header, retryInfo) : null);
    }

    static Kind kindOf(int status, String googleStatus, String reason) {
        if (reason != null && BAD_CREDENTIALS.contains(reason)) {
            return Kind.AUTHENTICATION;
        }
        if ("UNAUTHENTICATED".equals(googleStatus)) {
            return Kind.AUTHENTICATION;
        }
        return switch (status) {
            case 400, 413 -> Kind.BAD_REQUEST; // INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE
            case 401 -> Kind.AUTHENTICATION;
            case 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 408 -> Kind.TIMEOUT;
            case 409, 499 -> Kind.SERVER_ERROR; // ABORTED (a concurrency conflict), CANCELLED
            case 422 -> Kind.UNPROCESSABLE;
            case 429 -> Kind.RATE_LIMITED;
            case 501 -> Kind.BAD_REQUEST; // UNIMPLEMENTED: the method or feature is not offered
            case 503 -> Kind.OVERLOADED;
            case 504 -> Kind.TIMEOUT;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
        };
    }

    private static String typeOf(Kind kind) {
        return switch (kind) {
            case BAD_REQUEST, NOT_FOUND, UNPROCESSABLE -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION_DENIED -> "permission_error";
            case RATE_LIMITED -> "rate_limit_error";
            case CONTENT_FILTERED -> "content_filter";
            default -> "api_error";
        };
    }

    private static boolean retriableWait(Kind kind) {
        return kind == Kind.RATE_LIMITED || kind == Kind.OVERLOADED;
    }

    /** {@code retry-after} seconds, else RetryInfo's {@code retryDelay} (a protobuf Duration such as {@code "38s"}). */
    private static Duration retryAfter(Function<String, String> header, JsonNode retryInfo) {
        String seconds = header == null ? null : header.apply("retry-after");
        try {
            if (seconds != null) {
                return Duration.ofMillis(Math.round(Double.parseDouble(seconds.strip()) * 1000));
            }
        } catch (NumberFormatException e) {
            // an HTTP-date: fall back to the body's hint
        }
        String delay = retryInfo == null ? null : text(retryInfo.path("retryDelay"));
        if (delay != null && delay.endsWith("s")) {
            try {
                return Duration.ofMillis(Math.round(Double.parseDouble(delay.substring(0, delay.length() - 1)) * 1000));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
