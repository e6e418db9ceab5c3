package io.conduit.provider.gemini;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What one {@code GenerateContentResponse} (a whole answer, or one streamed piece of it) says, read
 * from its first candidate (https://ai.google.dev/api/generate-content#generatecontentresponse).
 *
 * @param text the answer's text (parts not marked {@code thought})
 * @param reasoning text of the parts marked {@code thought: true}
 * @param toolCalls function calls, in order
 * @param finishReason Gemini's {@code finishReason}, null while the answer goes on
 * @param blockReason {@code promptFeedback.blockReason} when the prompt itself was blocked, else null
 * @param usage {@code usageMetadata}, a missing node when absent
 * @param responseId {@code responseId}, null when absent
 * @param modelVersion {@code modelVersion}, null when absent
 */
record GeminiTurn(String text, String reasoning, List<ToolCall> toolCalls, String finishReason, String blockReason,
        JsonNode usage, String responseId, String modelVersion) {

    /**
     * A function call in OpenAI terms.
     *
     * @param id the part's own id when Gemini gave one, else {@code call_<n>} by its position in the
     *     answer, so a plain and a streamed answer name their calls alike
     * @param argumentsJson the compact JSON of {@code args}
     * @param thoughtSignature the part's {@code thoughtSignature}, null when it has none
     */
    record ToolCall(String id, String name, String argumentsJson, String thoughtSignature) {}

    /**
     * Reads a response.
     *
     * @param callsBefore how many function calls earlier pieces of the same stream carried
     */
    static GeminiTurn read(JsonNode response, int callsBefore) {
        JsonNode candidate = response.path("candidates").path(0);
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                String id = GeminiJson.text(call.path("id"));
                JsonNode args = call.path("args");
                calls.add(new ToolCall(id == null || id.isBlank() ? "call_" + (callsBefore + calls.size()) : id,
                        String.valueOf(GeminiJson.text(call.path("name"))),
                        args.isObject() ? GeminiJson.compact(args) : "{}",
                        GeminiJson.text(part.path("thoughtSignature"))));
                continue;
            }
            String t = GeminiJson.text(part.path("text"));
            if (t != null) {
                (part.path("thought").asBoolean(false) ? reasoning : text).append(t);
            }
        }
        String blockReason = GeminiJson.text(response.path("promptFeedback").path("blockReason"));
        return new GeminiTurn(text.toString(), reasoning.toString(), List.copyOf(calls),
                GeminiJson.text(candidate.path("finishReason")), blockReason, response.path("usageMetadata"),
                GeminiJson.text(response.path("responseId")), GeminiJson.text(response.path("modelVersion")));
    }

    /** Whether this response ends the answer (a finish reason, or a blocked prompt). */
    boolean finished() {
        return finishReason != null || blockReason != null;
    }
}
