package io.conduit.provider.dialects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One chat answer told both ways: as a {@code chat.completion} body and as the OpenAI stream of
 * {@code chat.completion.chunk} events that says the same thing, framed as OpenAI frames it (a
 * role chunk first, content in pieces, each tool call's id and name in its first piece and its
 * arguments in several, the finish reason in a chunk of its own, then the usage chunk with empty
 * choices, then {@code [DONE]}). See https://platform.openai.com/docs/api-reference/chat-streaming.
 */
record ChatScenario(List<String> textPieces, List<String> refusalPieces, List<Call> calls, String finishReason,
        ChatUsage usage) {

    /** A function call whose arguments stream in the given pieces. */
    record Call(String id, String name, List<String> argumentPieces) {
        String arguments() {
            return String.join("", argumentPieces);
        }
    }

    static ChatScenario text(String finishReason, String... pieces) {
        return new ChatScenario(List.of(pieces), List.of(), List.of(), finishReason, new ChatUsage(21, 9, 5, 2));
    }

    static ChatScenario calls(String finishReason, List<String> textPieces, Call... calls) {
        return new ChatScenario(textPieces, List.of(), List.of(calls), finishReason, new ChatUsage(140, 38, 0, 0));
    }

    String text() {
        return String.join("", textPieces);
    }

    byte[] completion() {
        ObjectNode root = head("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (textPieces.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text());
        }
        if (refusalPieces.isEmpty()) {
            message.putNull("refusal");
        } else {
            message.put("refusal", String.join("", refusalPieces));
        }
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (Call call : calls) {
                ObjectNode node = toolCalls.addObject().put("id", call.id()).put("type", "function");
                node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", usageNode());
        return Jsons.bytes(root);
    }

    List<byte[]> chunks() {
        List<byte[]> events = new ArrayList<>();
        ObjectNode first = chunk();
        first.withArray("choices").get(0).withObject("delta").put("role", "assistant").put("content", "")
                .putNull("refusal");
        events.add(event(first));
        for (String piece : textPieces) {
            ObjectNode chunk = chunk();
            chunk.withArray("choices").get(0).withObject("delta").put("content", piece);
            events.add(event(chunk));
        }
        for (String piece : refusalPieces) {
            ObjectNode chunk = chunk();
            chunk.withArray("choices").get(0).withObject("delta").put("refusal", piece);
            events.add(event(chunk));
        }
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            ObjectNode opening = chunk();
            ObjectNode tool = opening.withArray("choices").get(0).withObject("delta").putArray("tool_calls").addObject()
                    .put("index", i).put("id", call.id()).put("type", "function");
            tool.putObject("function").put("name", call.name()).put("arguments", "");
            events.add(event(opening));
            for (String piece : call.argumentPieces()) {
                ObjectNode chunk = chunk();
                chunk.withArray("choices").get(0).withObject("delta").putArray("tool_calls").addObject()
                        .put("index", i).putObject("function").put("arguments", piece);
                events.add(event(chunk));
            }
        }
        ObjectNode last = chunk();
        last.withArray("choices").get(0).withObject("delta");
        ((ObjectNode) last.withArray("choices").get(0)).put("finish_reason", finishReason);
        events.add(event(last));
        ObjectNode usageChunk = head("chat.completion.chunk");
        usageChunk.putArray("choices");
        usageChunk.set("usage", usageNode());
        events.add(event(usageChunk));
        events.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        return events;
    }

    private ObjectNode chunk() {
        ObjectNode chunk = head("chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        chunk.putNull("usage");
        return chunk;
    }

    private static ObjectNode head(String object) {
        return Jsons.object().put("id", "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT").put("object", object)
                .put("created", 1741570283).put("model", "gpt-4o-2024-08-06").put("system_fingerprint", "fp_eb9dce56a8");
    }

    private ObjectNode usageNode() {
        ObjectNode node = Jsons.object().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.promptTokens() + usage.completionTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens()).put("audio_tokens", 0);
        node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens())
                .put("audio_tokens", 0).put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return node;
    }

    static byte[] event(ObjectNode data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] errorEvent(String type, String code, String message) {
        ObjectNode root = Jsons.object();
        root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return event(root);
    }
}
