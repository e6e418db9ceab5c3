package io.conduit.provider.bedrock;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Bedrock Runtime errors (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors)
 * mapped to the closed set of provider errors. Bedrock names the error in the
 * {@code x-amzn-ErrorType} header ({@code ThrottlingException:http://internal.amazon.com/...}) and
 * answers {@code {"message": "..."}}; the same exceptions arrive inside streams as
 * {@code :exception-type} messages. The error type decides the kind, the status only when the type
 * is unknown: ModelNotReadyException and ThrottlingException are both 429, but only the first is
 * an overloaded model; ServiceQuotaExceededException is a 400 that may succeed later or elsewhere.
 */
final class BedrockErrorMapper implements ProviderErrorMapper {

    /** AWS access key ids; error messages of the auth layer can carry them. */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\\b");

    @Override
    public ProviderException map(int status, Function<String, String> header, byte[] body) {
        JsonNode json = readJson(body);
        String type = errorType(header, json);
        Kind kind = kindOf(type, status);
        String message = message(json, status);
        Duration retryAfter = kind.retriable() ? retryAfter(header) : null;
        return ProviderException.of(kind, status, new ProviderError(message, openAiType(kind), null, type), retryAfter);
    }

    /** An exception or error message inside a stream; its status is the one Bedrock gives that error over HTTP. */
    static ProviderException inStream(String exceptionType, String message) {
        Kind kind = kindOf(exceptionType, 500); // an unknown exception mid-stream is the service's failure
        int status = switch (kind) {
            case RATE_LIMITED -> 429;
            case OVERLOADED -> 503;
            case TIMEOUT -> 408;
            case BAD_REQUEST -> 400;
            default -> exceptionType.equalsIgnoreCase("modelStreamErrorException") ? 424 : 500;
        };
        return ProviderException.of(kind, status,
                new ProviderError(clean(message), openAiType(kind), null, exceptionType), null);
    }

    /** The kind for a Bedrock error type (case-insensitive), else for the HTTP status. */
    static Kind kindOf(String errorType, int status) {
        String type = errorType == null ? "" : errorType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "validationexception", "serializationexception", "conflictexception" -> Kind.BAD_REQUEST;
            case "accessdeniedexception" -> Kind.PERMISSION_DENIED;
            case "unrecognizedclientexception", "invalidsignatureexception", "incompletesignatureexception",
                 "missingauthenticationtokenexception", "missingauthenticationtoken", "expiredtokenexception",
                 "invalidclienttokenid", "signaturedoesnotmatch" -> Kind.AUTHENTICATION;
            case "resourcenotfoundexception", "unknownoperationexception" -> Kind.NOT_FOUND;
            case "throttlingexception", "servicequotaexceededexception", "toomanyrequestsexception" -> Kind.RATE_LIMITED;
            case "modelnotreadyexception", "serviceunavailableexception", "serviceunavailable" -> Kind.OVERLOADED;
            case "modeltimeoutexception" -> Kind.TIMEOUT;
            case "modelerrorexception", "modelstreamerrorexception", "internalserverexception", "internalfailure",
                 "corrupteventstream", "invalideventstreammessage" -> Kind.SERVER_ERROR;
            default -> kindOfStatus(status);
        };
    }

    private static Kind kindOfStatus(int status) {
        return switch (status) {
            case 400, 413 -> Kind.BAD_REQUEST;
            case 401 -> Kind.AUTHENTICATION;
            case 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 408, 504 -> Kind.TIMEOUT;
            case 429 -> Kind.RATE_LIMITED;
            case 503 -> Kind.OVERLOADED;
            default -> status >= 500 || status == 424 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
        };
    }

    private static String openAiType(Kind kind) {
        return switch (kind) {
            case BAD_REQUEST, UNPROCESSABLE -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION_DENIED -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case RATE_LIMITED -> "rate_limit_error";
            default -> "api_error";
        };
    }

    /** {@code x-amzn-ErrorType} up to its first ':', else the body's {@code __type} or {@code code}. */
    private static String errorType(Function<String, String> header, JsonNode json) {
        String value = header.apply("x-amzn-ErrorType");
        if (value == null) {
            value = header.apply("x-amzn-errortype");
        }
        if (value == null && json != null) {
            value = json.path("__type").asString(json.path("code").asString(null));
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        int colon = value.indexOf(':');
        String type = colon < 0 ? value : value.substring(0, colon);
        int hash = type.lastIndexOf('#'); // __type may be namespaced: com.amazon.coral.service#UnrecognizedClientException
        return (hash < 0 ? type : type.substring(hash + 1)).strip();
    }

    private static String message(JsonNode json, int status) {
        if (json != null) {
            for (String field : new String[] {"message", "Message"}) {
                if (json.path(field).isString() && !json.path(field).asString().isBlank()) {
                    return clean(json.path(field).asString());
                }
            }
        }
        return "Bedrock returned HTTP " + status + ".";
    }

    /** Drops the canonical request AWS appends to signature errors, and masks access key ids. */
    static String clean(String message) {
        int detail = message.indexOf("\n\nThe Canonical String");
        String cleaned = detail < 0 ? message : message.substring(0, detail);
        return ACCESS_KEY_ID.matcher(cleaned).replaceAll("[redacted]");
    }

    private static JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode json = BedrockJson.JSON.readTree(body);
            return json.isObject() ? json : null;
        } catch (JacksonException e) {
            return null; // an HTML page from a proxy, or nothing: the status decides
        }
    }

    private static Duration retryAfter(Function<String, String> header) {
        String seconds = header.apply("retry-after");
        if (seconds == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(seconds.strip()) * 1000));
        } catch (NumberFormatException e) {
            return null; // an HTTP date: no hint
        }
    }
}
