package io.conduit.provider.dialects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One event of an OpenAI chat stream, read for the dialects' stream translators. */
sealed interface ChatStreamEvent {

    /** {@code data: [DONE]}: the stream is complete. */
    record Done() implements ChatStreamEvent {}

    /** {@code data: {"error":{...}}}: the stream failed. Fields of the OpenAI error envelope. */
    record Failure(String message, String type, String code, String param) implements ChatStreamEvent {}

    /**
     * A {@code chat.completion.chunk} (its first choice).
     *
     * @param text content text, empty when none
     * @param refusal refusal text, empty when none
     * @param toolCalls function-call pieces
     * @param finishReason the finish reason, or null
     * @param usage the usage, or null when the chunk carries none
     */
    record Chunk(String text, String refusal, List<ToolCallDelta> toolCalls, String finishReason, ChatUsage usage)
            implements ChatStreamEvent {}

    /** A piece of a streamed function call; id and name come with its first piece. */
    record ToolCallDelta(int index, String id, String name, String arguments) {}

    /** Comments, keep-alives and anything else carrying no answer. */
    record Other() implements ChatStreamEvent {}

    Other OTHER = new Other();

    static ChatStreamEvent parse(byte[] event) {
        String data = data(event);
        if (data == null || data.isBlank()) {
            return OTHER;
        }
        if (data.strip().equals("[DONE]")) {
            return new Done();
        }
        byte[] json = data.getBytes(StandardCharsets.UTF_8);
        JsonNode root = Jsons.readOrNull(json, 0, json.length);
        if (root == null || !root.isObject()) {
            return OTHER;
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            return error.isObject()
                    ? new Failure(orElse(Jsons.text(error.get("message")), "The stream failed."),
                            Jsons.text(error.get("type")), code(error.get("code")), Jsons.text(error.get("param")))
                    : new Failure(orElse(Jsons.text(error), "The stream failed."), null, null, null);
        }
        JsonNode usageNode = root.get("usage");
        ChatUsage usage = usageNode != null && usageNode.isObject() ? ChatUsage.of(usageNode) : null;
        JsonNode choice = root.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        List<ToolCallDelta> calls = new ArrayList<>();
        for (JsonNode call : delta.path("tool_calls")) {
            JsonNode function = call.path("function");
            calls.add(new ToolCallDelta(call.path("index").asInt(calls.size()), Jsons.text(call.get("id")),
                    Jsons.text(function.get("name")), orElse(Jsons.text(function.get("arguments")), "")));
        }
        return new Chunk(ChatAnswer.content(delta.get("content")), orElse(Jsons.text(delta.get("refusal")), ""),
                calls, Jsons.text(choice.get("finish_reason")), usage);
    }

    private static String code(JsonNode code) {
        return code != null && code.isNumber() ? code.asString() : Jsons.text(code);
    }

    private static String orElse(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    /** The event's data: its {@code data:} lines joined by newlines, or null when it has none. */
    private static String data(byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8);
        StringBuilder data = null;
        for (String line : text.split("\r\n|\r|\n")) {
            if (line.startsWith("data:")) {
                String value = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : data.toString();
    }
}
