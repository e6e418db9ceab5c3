package io.conduit.provider.spi.json;

/** The bytes are not one well-formed JSON document of the expected shape. Message is safe to show a client. */
public final class MalformedJsonException extends Exception {

    public MalformedJsonException(String message) {
        super(message, null, false, false);
    }
}
