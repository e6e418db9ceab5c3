package io.conduit.contracts.error;

import io.conduit.contracts.json.JsonStrings;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAI error envelope {@code {"error":{"message","type","param","code"}}}, the one body
 * every Conduit API answers errors with. Rendered here and nowhere else.
 */
public final class ErrorEnvelope {

    private ErrorEnvelope() {}

    public static byte[] json(String message, String type, String param, String code) {
        return ("{\"error\":{\"message\":" + JsonStrings.quote(message)
                        + ",\"type\":" + quoteOrNull(type)
                        + ",\"param\":" + quoteOrNull(param)
                        + ",\"code\":" + quoteOrNull(code) + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String quoteOrNull(String value) {
        return value == null ? "null" : JsonStrings.quote(value);
    }
}
