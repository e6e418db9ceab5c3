package io.conduit.provider.minimax;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * MiniMax's {@code base_resp.status_code} values (https://platform.minimax.io/docs/api-reference/errorcode)
 * and what each means here: the kind of failure, and the HTTP status it corresponds to. MiniMax
 * answers most errors with HTTP 200 and a non-zero code; such an in-band error is reported with
 * the corresponding status, so the client sees a 401 for a bad key rather than a 200 or a 502.
 */
final class MiniMaxCodes {

    /** What a code means: its kind and the HTTP status it corresponds to. */
    record Meaning(Kind kind, int status) {}

    static final Map<Integer, Meaning> TABLE = Map.ofEntries(
            Map.entry(1000, new Meaning(Kind.SERVER_ERROR, 500)),      // unknown error
            Map.entry(1001, new Meaning(Kind.TIMEOUT, 504)),           // request timeout
            Map.entry(1002, new Meaning(Kind.RATE_LIMITED, 429)),      // rate limit
            Map.entry(1004, new Meaning(Kind.AUTHENTICATION, 401)),    // not authorized / token not match group
            Map.entry(1008, new Meaning(Kind.PERMISSION_DENIED, 402)), // insufficient balance
            Map.entry(1013, new Meaning(Kind.SERVER_ERROR, 500)),      // internal service error
            Map.entry(1024, new Meaning(Kind.SERVER_ERROR, 500)),      // internal error
            Map.entry(1026, new Meaning(Kind.CONTENT_FILTERED, 400)),  // input new_sensitive
            Map.entry(1027, new Meaning(Kind.CONTENT_FILTERED, 400)),  // output new_sensitive
            Map.entry(1033, new Meaning(Kind.SERVER_ERROR, 500)),      // system error / mysql failed
            Map.entry(1039, new Meaning(Kind.RATE_LIMITED, 429)),      // token limit (retry later)
            Map.entry(1041, new Meaning(Kind.RATE_LIMITED, 429)),      // conn limit
            Map.entry(1042, new Meaning(Kind.BAD_REQUEST, 400)),       // invisible character ratio limit
            Map.entry(2013, new Meaning(Kind.BAD_REQUEST, 400)),       // invalid params
            Map.entry(2045, new Meaning(Kind.RATE_LIMITED, 429)),      // rate growth limit
            Map.entry(2049, new Meaning(Kind.AUTHENTICATION, 401)),    // invalid api key
            Map.entry(2056, new Meaning(Kind.RATE_LIMITED, 429)));     // usage limit exceeded (5-hour window)

    private MiniMaxCodes() {}

    /** A code's meaning; unknown codes are server errors (1xxx) or bad requests (2xxx and up). */
    static Meaning meaning(int code) {
        Meaning known = TABLE.get(code);
        if (known != null) {
            return known;
        }
        return code < 2000 ? new Meaning(Kind.SERVER_ERROR, 500) : new Meaning(Kind.BAD_REQUEST, 400);
    }

    /** The failure for an in-band error (a non-zero code that came with HTTP 200). */
    static ProviderException inBand(int code, String statusMessage) {
        Meaning meaning = meaning(code);
        String message = statusMessage == null || statusMessage.isBlank() ? "MiniMax returned error code " + code + "."
                : statusMessage + " (" + code + ")";
        return ProviderException.of(meaning.kind(), meaning.status(),
                new ProviderError(message, null, null, Integer.toString(code)), null);
    }

    /** The non-zero {@code base_resp.status_code} of a MiniMax body, or 0. */
    static int code(JsonNode root) {
        return root.path("base_resp").path("status_code").asInt(0);
    }

    /** Throws the in-band failure when the body's {@code base_resp} reports one. */
    static void check(JsonNode root) {
        int code = code(root);
        if (code != 0) {
            throw inBand(code, root.path("base_resp").path("status_msg").asString(null));
        }
    }
}
