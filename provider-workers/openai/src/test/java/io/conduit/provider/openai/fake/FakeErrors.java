package io.conduit.provider.openai.fake;

import java.util.Map;

/**
 * The error bodies and headers each provider documents for an HTTP status.
 *
 * <ul>
 *   <li>OpenAI: https://platform.openai.com/docs/guides/error-codes (envelope {@code error.message/type/param/code})</li>
 *   <li>Azure OpenAI: https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter and the
 *       quota guide (string {@code code} such as {@code "429"}, {@code retry-after} and {@code retry-after-ms})</li>
 *   <li>DeepSeek: https://api-docs.deepseek.com/quick_start/error_codes (400, 401, 402, 422, 429, 500, 503)</li>
 *   <li>Mistral: top-level {@code message}; 422 validation details as an object</li>
 * </ul>
 */
final class FakeErrors {

    /** A status, body and extra headers. */
    record Answer(int status, String body, Map<String, String> headers) {}

    private FakeErrors() {}

    static Answer of(FakeFlavor.Errors style, int status) {
        return switch (style) {
            case OPENAI -> openAi(status);
            case AZURE -> azure(status);
            case DEEPSEEK -> deepSeek(status);
            case MISTRAL -> mistral(status);
        };
    }

    static Answer unauthorized(FakeFlavor.Errors style) {
        return of(style, 401);
    }

    /** Azure's answer when a prompt trips the content filter. */
    static Answer azureContentFilter() {
        return new Answer(400, """
                {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content \
                management policy. Please modify your prompt and retry.","type":null,"param":"prompt",\
                "code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation",\
                "content_filter_result":{"hate":{"filtered":true,"severity":"high"},"self_harm":{"filtered":false,\
                "severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,\
                "severity":"safe"}}}}}""", Map.of());
    }

    /** Azure's answer for a path it does not serve (e.g. no {@code api-version}). */
    static Answer azureResourceNotFound() {
        return new Answer(404, "{\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}", Map.of());
    }

    /** Mistral's answer for a request field outside its schema. */
    static Answer mistralExtraField(String field) {
        return new Answer(422, """
                {"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","%s"],\
                "msg":"Extra inputs are not permitted"}]},"type":"invalid_request_message_error","param":null,\
                "code":null}""".formatted(field), Map.of());
    }

    private static Answer openAi(int status) {
        return switch (status) {
            case 400 -> envelope(400, "Invalid value for 'messages': expected an array.", "invalid_request_error",
                    "messages", null);
            case 401 -> envelope(401, "Incorrect API key provided: test-pro*********9c. You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
            case 403 -> envelope(403, "Country, region, or territory not supported", "request_forbidden", null,
                    "unsupported_country_region_territory");
            case 404 -> envelope(404, "The model `test-model` does not exist or you do not have access to it.",
                    "invalid_request_error", null, "model_not_found");
            case 429 -> new Answer(429, body("Rate limit reached for test-model on requests per min (RPM): Limit 3, "
                    + "Used 3, Requested 1. Please try again in 1s.", "requests", null, "rate_limit_exceeded"),
                    Map.of("retry-after", "1", "x-ratelimit-limit-requests", "3", "x-ratelimit-remaining-requests", "0",
                            "x-ratelimit-reset-requests", "1s"));
            case 500 -> envelope(500, "The server had an error while processing your request. Sorry about that!",
                    "server_error", null, null);
            case 503 -> envelope(503, "The engine is currently overloaded, please try again later.", "server_error",
                    null, null);
            default -> envelope(status, "The server returned HTTP " + status + ".", "server_error", null, null);
        };
    }

    private static Answer azure(int status) {
        return switch (status) {
            case 400 -> envelope(400, "Invalid value for 'messages': expected an array.", "invalid_request_error",
                    "messages", null);
            case 401 -> coded(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make "
                    + "sure to provide a valid key for an active subscription and use a correct regional API endpoint "
                    + "for your resource.");
            case 403 -> coded(403, "AuthenticationTypeDisabled", "Key based authentication is disabled for this "
                    + "resource.");
            case 404 -> coded(404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you "
                    + "created the deployment within the last 5 minutes, please wait a moment and try again.");
            case 429 -> new Answer(429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the "
                    + "ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token "
                    + "rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.\"}}",
                    Map.of("retry-after", "6", "retry-after-ms", "6000", "x-ratelimit-remaining-requests", "0",
                            "x-ratelimit-remaining-tokens", "0"));
            case 503 -> coded(503, "ServiceUnavailable", "The service is temporarily unable to process your request. "
                    + "Please try again later.");
            default -> coded(status, "InternalServerError", "The server had an error while processing your request.");
        };
    }

    private static Answer deepSeek(int status) {
        String[] known = switch (status) {
            case 400 -> new String[] {"Invalid Format: the request body format is invalid.", "invalid_request_error"};
            case 401 -> new String[] {"Authentication Fails, Your api key: ****a9c is invalid", "authentication_error"};
            case 402 -> new String[] {"Insufficient Balance", "unknown_error"};
            case 422 -> new String[] {"Invalid Parameters: max_tokens must be positive", "invalid_request_error"};
            case 429 -> new String[] {"Rate Limit Reached", "rate_limit_error"};
            case 503 -> new String[] {"Server Overloaded", "server_error"};
            default -> new String[] {"Server Error", "server_error"};
        };
        return envelope(status, known[0], known[1], null, "invalid_request_error");
    }

    private static Answer mistral(int status) {
        return switch (status) {
            case 401 -> new Answer(401, "{\"message\":\"Unauthorized\",\"request_id\":\"5c1d0f3e9a\"}", Map.of());
            case 422 -> mistralExtraField("user");
            case 429 -> new Answer(429, "{\"message\":\"Requests rate limit exceeded\",\"request_id\":\"5c1d0f3e9a\"}",
                    Map.of());
            default -> new Answer(status, "{\"object\":\"error\",\"message\":\"" + switch (status) {
                case 400 -> "Invalid model: test-model";
                case 404 -> "Model not found";
                case 503 -> "Service unavailable";
                default -> "Internal server error";
            } + "\",\"type\":\"" + (status < 500 ? "invalid_request_error" : "internal_server_error")
                    + "\",\"param\":null,\"code\":null}", Map.of());
        };
    }

    private static Answer envelope(int status, String message, String type, String param, String code) {
        return new Answer(status, body(message, type, param, code), Map.of());
    }

    private static Answer coded(int status, String code, String message) {
        return new Answer(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}", Map.of());
    }

    private static String body(String message, String type, String param, String code) {
        return "{\"error\":{\"message\":\"" + message.replace("\"", "\\\"") + "\",\"type\":" + quoted(type)
                + ",\"param\":" + quoted(param) + ",\"code\":" + quoted(code) + "}}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
