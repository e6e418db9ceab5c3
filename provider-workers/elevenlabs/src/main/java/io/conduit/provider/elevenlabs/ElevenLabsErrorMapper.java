package io.conduit.provider.elevenlabs;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ElevenLabs' error answers mapped to the closed set. Bodies are {@code {"detail":{"status","message"}}}
 * (newer ones {@code {"detail":{"type","code","message","status"}}}), or FastAPI's validation list
 * {@code {"detail":[{"loc","msg","type"}]}} on a 422. The {@code detail.status} (or {@code code}) decides
 * where the HTTP status is ambiguous: {@code quota_exceeded} (sent as 401) is an account that cannot be
 * used (PERMISSION_DENIED), not a bad key; {@code voice_not_found} is NOT_FOUND; on a 429,
 * {@code system_busy} is OVERLOADED and {@code too_many_concurrent_requests} RATE_LIMITED. Otherwise:
 * 400 BAD_REQUEST, 401 AUTHENTICATION, 402/403 PERMISSION_DENIED, 404 NOT_FOUND, 422 UNPROCESSABLE,
 * 429 RATE_LIMITED, 500 SERVER_ERROR, 503 OVERLOADED, 504 TIMEOUT.
 *
 * <p>Documentation: https://help.elevenlabs.io/hc/en-us/articles/19572237925521 ("API - Error Code 400 or
 * 401"), the help centre's "API - Error Code 429" article, https://elevenlabs.io/docs/api-reference/text-to-speech/convert (422).
 */
final class ElevenLabsErrorMapper implements ProviderErrorMapper {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public ProviderException map(int status, Function<String, String> header, byte[] body) {
        String message = "ElevenLabs returned HTTP " + status + ".";
        String code = null;
        String param = null;
        try {
            JsonNode detail = JSON.readTree(body).path("detail");
            if (detail.isObject()) {
                code = detail.path("code").isString() ? detail.path("code").asString()
                        : detail.path("status").isString() ? detail.path("status").asString() : null;
                message = detail.path("message").asString(message);
            } else if (detail.isArray() && !detail.isEmpty()) {
                JsonNode first = detail.path(0);
                message = first.path("msg").asString(message);
                JsonNode loc = first.path("loc");
                param = loc.isArray() && !loc.isEmpty() ? loc.path(loc.size() - 1).asString(null) : null;
            } else if (detail.isString()) {
                message = detail.asString();
            }
        } catch (RuntimeException e) {
            // not JSON: the status alone speaks
        }
        Kind kind = kindOf(status, code);
        Duration retryAfter = kind == Kind.RATE_LIMITED || kind == Kind.OVERLOADED ? retryAfter(header) : null;
        return ProviderException.of(kind, status, new ProviderError(message, null, param, code), retryAfter);
    }

    static Kind kindOf(int status, String code) {
        if ("quota_exceeded".equals(code)) {
            return Kind.PERMISSION_DENIED;
        }
        if ("voice_not_found".equals(code)) {
            return Kind.NOT_FOUND;
        }
        if ("system_busy".equals(code)) {
            return Kind.OVERLOADED;
        }
        return switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 401 -> Kind.AUTHENTICATION;
            case 402, 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 408 -> Kind.TIMEOUT;
            case 422 -> Kind.UNPROCESSABLE;
            case 429 -> Kind.RATE_LIMITED;
            case 503 -> Kind.OVERLOADED;
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
