package io.conduit.provider.dialects;

import tools.jackson.databind.JsonNode;

/**
 * Token usage of a chat answer, as chat completions count it.
 *
 * @param promptTokens input tokens, cached ones included
 * @param completionTokens output tokens, reasoning ones included
 * @param cachedTokens input tokens read from the prompt cache
 * @param reasoningTokens output tokens spent on reasoning
 */
record ChatUsage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens) {

    static final ChatUsage NONE = new ChatUsage(0, 0, 0, 0);

    /** The usage of a chat {@code usage} object; {@link #NONE} when there is none. */
    static ChatUsage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        return new ChatUsage(Jsons.longOr(usage.get("prompt_tokens"), 0),
                Jsons.longOr(usage.get("completion_tokens"), 0),
                Jsons.longOr(usage.path("prompt_tokens_details").get("cached_tokens"), 0),
                Jsons.longOr(usage.path("completion_tokens_details").get("reasoning_tokens"), 0));
    }

    /** Input tokens not read from the cache (Anthropic counts cached input separately). */
    long uncachedPromptTokens() {
        return Math.max(0, promptTokens - cachedTokens);
    }
}
