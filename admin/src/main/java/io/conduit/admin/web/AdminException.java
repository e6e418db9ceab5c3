package io.conduit.admin.web;

/** An admin request answered with an error: status plus the OpenAI envelope fields. No stack trace. */
public final class AdminException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    public AdminException(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static AdminException badRequest(String param, String message) {
        return new AdminException(400, "invalid_request_error", "invalid_value", param, message);
    }

    public static AdminException notFound(String what, String id) {
        return new AdminException(404, "invalid_request_error", "not_found", null, what + " '" + id + "' does not exist.");
    }

    public static AdminException conflict(String code, String message) {
        return new AdminException(409, "invalid_request_error", code, null, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
