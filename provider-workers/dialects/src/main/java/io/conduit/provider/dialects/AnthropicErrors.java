package io.conduit.provider.dialects;

import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors in Anthropic's shape: {@code {"type":"error","error":{"type":…,"message":…}}}, the type
 * chosen by HTTP status as https://docs.anthropic.com/en/api/errors lists them.
 */
final class AnthropicErrors {

    private AnthropicErrors() {}

    static byte[] body(int status, String param, String message) {
        String text = param == null || param.isEmpty() ? message : param + ": " + message;
        return Jsons.bytes(body(typeOf(status), text));
    }

    static ObjectNode body(String type, String message) {
        ObjectNode body = Jsons.object().put("type", "error");
        body.putObject("error").put("type", type).put("message", message == null ? "" : message);
        return body;
    }

    static String typeOf(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            case 504 -> "timeout_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    /**
     * The type of an error that ends a stream: capacity trouble upstream (overload, rate limit) is
     * {@code overloaded_error}, which Anthropic clients treat as worth retrying; anything else
     * {@code api_error}.
     */
    static String streamErrorType(String type, String code) {
        String both = (String.valueOf(type) + " " + String.valueOf(code)).toLowerCase(Locale.ROOT);
        return both.contains("overload") || both.contains("rate_limit") || both.contains("capacity")
                        || both.contains("unavailable")
                ? "overloaded_error"
                : "api_error";
    }
}
