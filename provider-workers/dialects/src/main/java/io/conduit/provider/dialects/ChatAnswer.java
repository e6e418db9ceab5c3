package io.conduit.provider.dialects;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a {@code chat.completion} answered (its first choice): the dialects' common view.
 *
 * @param text the message content, empty when none
 * @param refusal the model's refusal, or null
 * @param toolCalls the function calls, in order
 * @param finishReason the chat finish reason, or null
 * @param usage the token usage
 */
record ChatAnswer(String text, String refusal, List<ToolCall> toolCalls, String finishReason, ChatUsage usage) {

    /** One function call: the chat's call id (may be null), function name and arguments JSON text. */
    record ToolCall(String id, String name, String arguments) {}

    static ChatAnswer parse(byte[] chatCompletion) {
        JsonNode root = Jsons.readOrNull(chatCompletion, 0, chatCompletion.length);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Not a chat completion body.");
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String arguments = Jsons.text(function.get("arguments"));
            calls.add(new ToolCall(Jsons.text(call.get("id")), String.valueOf(Jsons.text(function.get("name"))),
                    arguments == null || arguments.isEmpty() ? "{}" : arguments));
        }
        return new ChatAnswer(content(message.get("content")), Jsons.text(message.get("refusal")), List.copyOf(calls),
                Jsons.text(choice.get("finish_reason")), ChatUsage.of(root.get("usage")));
    }

    /** Content is a string, or (from some providers) an array of text parts. */
    static String content(JsonNode content) {
        if (content == null) {
            return "";
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                String piece = Jsons.text(part.get("text"));
                if (piece != null) {
                    text.append(piece);
                }
            }
            return text.toString();
        }
        String text = Jsons.text(content);
        return text == null ? "" : text;
    }
}
