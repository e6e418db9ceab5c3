package io.conduit.provider.gemini;

import java.util.Set;

/**
 * Gemini's {@code finishReason} (https://ai.google.dev/api/generate-content#FinishReason) as an
 * OpenAI {@code finish_reason}. Gemini ends a function-calling answer with {@code STOP}; an answer
 * that called functions is {@code tool_calls}.
 */
final class FinishReasons {

    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

    private FinishReasons() {}

    static String openAi(String finishReason, String blockReason, boolean calledTools) {
        if (blockReason != null || (finishReason != null && FILTERED.contains(finishReason))) {
            return "content_filter";
        }
        if ("MAX_TOKENS".equals(finishReason)) {
            return "length";
        }
        return calledTools ? "tool_calls" : "stop";
    }
}
