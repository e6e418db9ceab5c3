package io.conduit.ingress.http;

import java.util.Map;

/**
 * A request the gateway answers with an error: the status and the fields of the OpenAI error
 * envelope. Messages are written for the client and never contain a secret. No stack trace.
 */
public final class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Map<String, String> headers;

    public GatewayException(int status, String type, String code, String param, String message,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.headers = headers;
    }

    public static GatewayException unauthorized(String code, String message) {
        return new GatewayException(401, "invalid_request_error", code, null, message, Map.of());
    }

    public static GatewayException badRequest(String code, String param, String message) {
        return new GatewayException(400, "invalid_request_error", code, param, message, Map.of());
    }

    public static GatewayException modelNotAllowed(String alias) {
        return new GatewayException(403, "permission_error", "model_not_allowed", "model",
                "This API key is not allowed to use the model '" + alias + "'.", Map.of());
    }

    public static GatewayException modelNotFound(String alias) {
        return new GatewayException(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + alias + "' does not exist or you do not have access to it.", Map.of());
    }

    public static GatewayException modelNotPriced(String alias) {
        return new GatewayException(403, "permission_error", "model_not_priced", "model",
                "The model '" + alias + "' has no price in the gateway's price catalog, and this gateway refuses unpriced"
                        + " models. Ask the operator to add a price.", Map.of());
    }

    public static GatewayException tooLarge(long limitBytes) {
        return new GatewayException(413, "invalid_request_error", "request_too_large", null,
                "The request body is larger than the limit of " + limitBytes + " bytes.", Map.of());
    }

    public static GatewayException unknownUrl(String method, String path) {
        return new GatewayException(404, "invalid_request_error", "unknown_url", null,
                "Invalid URL (" + method + " " + path + ")", Map.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
