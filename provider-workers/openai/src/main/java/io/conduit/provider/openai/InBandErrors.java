package io.conduit.provider.openai;

import io.conduit.contracts.json.Json;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An {@code error} object inside a stream that began with a 200: OpenAI's
 * {@code data: {"error":{...}}} and OpenRouter's mid-stream error chunks (with a numeric HTTP-like
 * {@code code}). The stream is already under way, so the failure is reported, not retried.
 */
final class InBandErrors {

    private InBandErrors() {}

    static ProviderException read(byte[] errorObject) {
        JsonNode error;
        try {
            error = Json.mapper().readTree(errorObject);
        } catch (JacksonException e) {
            error = null;
        }
        if (error == null || !error.isObject()) {
            return ProviderException.of(Kind.SERVER_ERROR, 200,
                    new ProviderError("The provider reported an error in the stream.", null, null, null), null);
        }
        JsonNode code = error.path("code");
        String codeText = code.isNumber() ? code.asString() : code.isString() ? code.asString() : null;
        ProviderError providerError = new ProviderError(
                error.path("message").isString() ? error.path("message").asString()
                        : "The provider reported an error in the stream.",
                error.path("type").isString() ? error.path("type").asString() : null,
                error.path("param").isString() ? error.path("param").asString() : null,
                codeText);
        Kind kind = code.isIntegralNumber() && code.asInt() >= 400
                ? OpenAiErrorMapper.kindOf(code.asInt(), providerError)
                : OpenAiErrorMapper.kindOf(500, providerError);
        return ProviderException.of(kind, 200, providerError, null);
    }
}
