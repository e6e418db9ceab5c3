package io.conduit.provider.gemini;

import static io.conduit.provider.gemini.GeminiJson.MAPPER;

import io.conduit.provider.gemini.GeminiTurn.ToolCall;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI shapes both the plain and the streamed answer are made of. A function call's thought
 * signature rides along as {@code extra_content.google.thought_signature}, the field Google's own
 * OpenAI compatibility layer uses, so a client that sends the assistant message back unchanged lets
 * Gemini 3 continue its reasoning.
 */
final class OpenAiChat {

    private OpenAiChat() {}

    static ArrayNode toolCalls(List<ToolCall> calls, int firstIndex, boolean withIndex) {
        ArrayNode array = MAPPER.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            ObjectNode node = array.addObject();
            if (withIndex) {
                node.put("index", firstIndex + i);
            }
            node.put("id", call.id());
            node.put("type", "function");
            ObjectNode function = node.putObject("function");
            function.put("name", call.name());
            function.put("arguments", call.argumentsJson());
            if (call.thoughtSignature() != null) {
                node.putObject("extra_content").putObject("google").put("thought_signature", call.thoughtSignature());
            }
        }
        return array;
    }

    /** The common head of a {@code chat.completion} or {@code chat.completion.chunk}. */
    static ObjectNode head(String id, String object, long created, String model) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", id);
        node.put("object", object);
        node.put("created", created);
        node.put("model", model);
        return node;
    }

    static String completionId(String responseId) {
        return "chatcmpl-" + (responseId != null && !responseId.isBlank() ? responseId
                : java.util.UUID.randomUUID().toString().replace("-", ""));
    }
}
