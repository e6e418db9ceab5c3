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
 * Error answers of the OpenAI-compatible family mapped to the closed set of provider errors. Reads
 * OpenAI's envelope ({@code {"error":{"message","type","param","code"}}}, also used by Azure,
 * Groq, DeepSeek, OpenRouter), a bare {@code {"error":"text"}} (xAI, Ollama), and top-level
 * {@code message} / {@code detail} bodies (Mistral, vLLM, FastAPI servers). Azure's content filter
 * ({@code code: content_filter}, {@code innererror.code: ResponsibleAIPolicyViolation}) is
 * {@link Kind#CONTENT_FILTERED}. Rate limits and overload carry {@code retry-after-ms} or
 * {@code retry-after} (Azure sends both).
 */
final class OpenAiErrorMapper implements ProviderErrorMapper {

    private static final Set<String> CONTENT_FILTER_CODES = Set.of("content_filter", "content_policy_violation",
            "ResponsibleAIPolicyViolation");

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
            // out of credit (DeepSeek "Insufficient Balance", OpenRouter): the account cannot be used
            case 402, 403 -> Kind.PERMISSION_DENIED;
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
        String fallback = "The provider returned HTTP " + status + ".";
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            // not JSON: a generic message; the raw body may hold anything
            return new ProviderError(fallback, null, null, null);
        }
        if (root == null || !root.isObject()) {
            return new ProviderError(fallback, null, null, null);
        }
        JsonNode error = root.path("error");
        if (error.isObject()) {
            return fromObject(error, fallback);
        }
        if (error.isString()) {
            return new ProviderError(error.asString(), null, null, code(root.path("code")));
        }
        if (root.has("message") || root.has("detail")) {
            return fromObject(root, fallback);
        }
        return new ProviderError(fallback, null, null, null);
    }

    private static ProviderError fromObject(JsonNode error, String fallback) {
        String message = text(error.path("message"));
        if (message == null) {
            message = text(error.path("detail"));
        }
        String code = code(error.path("code"));
        String innerCode = code(error.path("innererror").path("code"));
        if (innerCode != null && CONTENT_FILTER_CODES.contains(innerCode) && (code == null || !CONTENT_FILTER_CODES.contains(code))) {
            code = innerCode;
        }
        return new ProviderError(message == null || message.isBlank() ? fallback : message,
                error.path("type").isString() ? error.path("type").asString() : null,
                error.path("param").isString() ? error.path("param").asString() : null,
                code);
    }

    /** A string as is; an object or array (Mistral's validation details) as compact JSON. */
    private static String text(JsonNode node) {
        if (node.isString()) {
            return node.asString();
        }
        if (node.isObject() || node.isArray()) {
            return node.toString();
        }
        return null;
    }

    private static String code(JsonNode node) {
        return node.isNumber() || node.isString() ? node.asString() : null;
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
