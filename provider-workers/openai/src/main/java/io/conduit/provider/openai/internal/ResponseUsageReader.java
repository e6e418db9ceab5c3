package io.conduit.provider.openai.internal;

import io.conduit.contracts.json.Json;
import io.conduit.provider.spi.TokenUsage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the Responses API's {@code ResponseUsage}: {@code input_tokens} (cached included),
 * {@code input_tokens_details.cached_tokens}, {@code output_tokens} (reasoning included),
 * {@code output_tokens_details.reasoning_tokens}. A missing or unreadable usage counts as none.
 */
public final class ResponseUsageReader {

    private ResponseUsageReader() {}

    /** The usage of a {@code response} object. */
    public static TokenUsage fromResponse(byte[] response) {
        try {
            return fromResponse(Json.mapper().readTree(response));
        } catch (JacksonException e) {
            return TokenUsage.NONE;
        }
    }

    /** The usage of a {@code response} object, or none when it has none yet ({@code "usage": null}). */
    public static TokenUsage fromResponse(JsonNode response) {
        return fromUsage(response.path("usage"));
    }

    /** A {@code ResponseUsage} object; none when it is not an object. */
    public static TokenUsage fromUsage(JsonNode usage) {
        if (!usage.isObject()) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(
                usage.path("input_tokens").asLong(0),
                usage.path("output_tokens").asLong(0),
                usage.path("input_tokens_details").path("cached_tokens").asLong(0),
                usage.path("output_tokens_details").path("reasoning_tokens").asLong(0),
                false);
    }
}
