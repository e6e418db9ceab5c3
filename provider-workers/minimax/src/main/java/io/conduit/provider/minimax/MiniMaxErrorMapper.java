package io.conduit.provider.minimax;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * MiniMax's HTTP-level errors (status ≥ 400) mapped to the closed set of provider errors. Most
 * MiniMax errors come with HTTP 200 and a {@code base_resp} code instead (see
 * {@link MiniMaxCodes}); those that do not come as {@code {"type":"error","error":{"type",
 * "message": "... (1004)","http_code"},"request_id"}} from MiniMax's gateway, sometimes with a
 * {@code base_resp}, or as a bare proxy page. A MiniMax code found in the body (in
 * {@code base_resp} or at the end of the message) decides the kind; otherwise the status does.
 */
final class MiniMaxErrorMapper implements ProviderErrorMapper {

    private static final Pattern TRAILING_CODE = Pattern.compile("\\((\\d{4,5})\\)\\s*$");

    @Override
    public ProviderException map(int status, Function<String, String> header, byte[] body) {
        String message = "MiniMax returned HTTP " + status + ".";
        String type = null;
        int code = 0;
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            if (error.path("message").isString() && !error.path("message").asString().isBlank()) {
                message = error.path("message").asString();
                type = error.path("type").asString(null);
                Matcher trailing = TRAILING_CODE.matcher(message);
                code = trailing.find() ? Integer.parseInt(trailing.group(1)) : error.path("code").asInt(0);
            }
            if (MiniMaxCodes.code(root) != 0) {
                code = MiniMaxCodes.code(root);
                String statusMessage = root.path("base_resp").path("status_msg").asString("");
                message = statusMessage.isBlank() ? message : statusMessage + " (" + code + ")";
            }
        } catch (JacksonException e) {
            // not JSON (a proxy's page): the status alone decides
        }
        Kind kind = code != 0 ? MiniMaxCodes.meaning(code).kind() : kindOf(status);
        Duration retryAfter = kind == Kind.RATE_LIMITED || kind == Kind.OVERLOADED ? retryAfter(header) : null;
        return ProviderException.of(kind, status,
                new ProviderError(message, type, null, code == 0 ? null : Integer.toString(code)), retryAfter);
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 401 -> Kind.AUTHENTICATION;
            case 402, 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 408 -> Kind.TIMEOUT;
            case 422 -> Kind.UNPROCESSABLE;
            case 429 -> Kind.RATE_LIMITED;
            case 500, 502 -> Kind.SERVER_ERROR;
            case 503, 529 -> Kind.OVERLOADED;
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
            return null; // an HTTP-date: no usable hint
        }
    }
}
