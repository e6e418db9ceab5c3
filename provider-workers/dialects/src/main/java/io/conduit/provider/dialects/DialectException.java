package io.conduit.provider.dialects;

/**
 * A client request the dialect cannot translate: invalid, or asking for something the gateway
 * does not do. Answered with HTTP 400 ({@code invalid_request_error}).
 */
public final class DialectException extends RuntimeException {

    private final String param;

    /**
     * @param param the offending field in the client's own notation (for example
     *     {@code messages.0.content.1.type} or {@code input[2].call_id}), or null
     * @param message what is wrong, for the client
     */
    public DialectException(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    /** The offending field, or null when the whole body is at fault. */
    public String param() {
        return param;
    }
}
