package io.conduit.provider.openai.internal;

import io.conduit.contracts.json.Json;
import io.conduit.provider.spi.TokenUsage;
import tools.jackson.core.JacksonException;

/** Reads OpenAI usage objects. A body without a readable usage counts as no usage. */
public final class UsageReader {

    private UsageReader() {}

    public static TokenUsage fromBody(byte[] body) {
        try {
            UsageDto.WithUsage parsed = Json.mapper().readValue(body, UsageDto.WithUsage.class);
            return parsed == null || parsed.usage() == null ? TokenUsage.NONE : parsed.usage().toTokenUsage();
        } catch (JacksonException e) {
            return TokenUsage.NONE;
        }
    }

    public static TokenUsage fromUsageObject(byte[] bytes, int offset, int length) {
        try {
            return Json.mapper().readValue(bytes, offset, length, UsageDto.class).toTokenUsage();
        } catch (JacksonException e) {
            return TokenUsage.NONE;
        }
    }
}
