package io.conduit.provider.openai.internal;

import io.conduit.contracts.json.Json;
import io.conduit.provider.openai.UsageDialect;
import io.conduit.provider.spi.TokenUsage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads usage objects of the OpenAI-compatible family and rewrites them the OpenAI way. A body
 * without a readable usage counts as no usage.
 */
public final class UsageReader {

    private static final String PROMPT_DETAILS = "prompt_tokens_details";
    private static final String COMPLETION_DETAILS = "completion_tokens_details";
    private static final String CACHED = "cached_tokens";
    private static final String REASONING = "reasoning_tokens";

    private final UsageDialect dialect;

    public UsageReader(UsageDialect dialect) {
        this.dialect = dialect;
    }

    /** The usage of a whole answer body ({@code chat.completion} or embeddings list). */
    public TokenUsage fromBody(byte[] body) {
        try {
            JsonNode usage = Json.mapper().readTree(body).path("usage");
            return usage.isObject() ? toTokenUsage(usage) : TokenUsage.NONE;
        } catch (JacksonException e) {
            return TokenUsage.NONE;
        }
    }

    /** The usage object at {@code bytes[offset, offset + length)}. */
    public TokenUsage fromUsageObject(byte[] bytes, int offset, int length) {
        try {
            return toTokenUsage(Json.mapper().readTree(bytes, offset, length));
        } catch (JacksonException e) {
            return TokenUsage.NONE;
        }
    }

    /**
     * The usage object with OpenAI's detail fields filled from the provider's own ones (which are
     * kept), or null when the dialect needs no rewriting or the object is unreadable.
     */
    public byte[] normalized(byte[] bytes, int offset, int length) {
        if (!dialect.normalizes()) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(bytes, offset, length);
            if (!(node instanceof ObjectNode usage)) {
                return null;
            }
            boolean changed = fill(usage, PROMPT_DETAILS, CACHED, dialect.cachedTokensField());
            changed |= fill(usage, COMPLETION_DETAILS, REASONING, dialect.reasoningTokensField());
            return changed ? Json.mapper().writeValueAsBytes(usage) : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private TokenUsage toTokenUsage(JsonNode usage) {
        return new TokenUsage(
                usage.path("prompt_tokens").asLong(0),
                usage.path("completion_tokens").asLong(0),
                detail(usage, PROMPT_DETAILS, CACHED, dialect.cachedTokensField()),
                detail(usage, COMPLETION_DETAILS, REASONING, dialect.reasoningTokensField()),
                false);
    }

    private static long detail(JsonNode usage, String details, String field, String providerField) {
        JsonNode standard = usage.path(details).path(field);
        if (standard.isNumber()) {
            return standard.asLong();
        }
        return providerField == null ? 0 : usage.path(providerField).asLong(0);
    }

    private static boolean fill(ObjectNode usage, String details, String field, String providerField) {
        if (providerField == null || !usage.path(providerField).isNumber() || usage.path(details).path(field).isNumber()) {
            return false;
        }
        JsonNode existing = usage.path(details);
        ObjectNode target = existing instanceof ObjectNode object ? object : usage.putObject(details);
        target.put(field, usage.path(providerField).asLong());
        return true;
    }
}
