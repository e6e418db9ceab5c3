package io.conduit.provider.dialects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat completion as an Anthropic {@code message} object. Reference:
 * https://docs.anthropic.com/en/api/messages (response). Text comes first, then one
 * {@code tool_use} block per function call.
 */
final class AnthropicResponseMapper {

    private AnthropicResponseMapper() {}

    static byte[] map(byte[] chatCompletion, ChatRequest request) {
        ChatAnswer answer = ChatAnswer.parse(chatCompletion);
        ObjectNode message = Jsons.object();
        message.put("id", request.responseId());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", request.clientModel());
        ArrayNode content = message.putArray("content");
        boolean refused = answer.text().isEmpty() && answer.refusal() != null && !answer.refusal().isEmpty();
        String text = refused ? answer.refusal() : answer.text();
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (ChatAnswer.ToolCall call : answer.toolCalls()) {
            content.addObject()
                    .put("type", "tool_use")
                    .put("id", call.id() == null ? Ids.anthropic("toolu_") : call.id())
                    .put("name", request.clientToolName(call.name()))
                    .set("input", toolInput(call.arguments()));
        }
        message.put("stop_reason", stopReason(answer.finishReason(), !answer.toolCalls().isEmpty(), refused));
        message.putNull("stop_sequence");
        message.set("usage", usage(answer.usage()));
        return Jsons.bytes(message);
    }

    /**
     * Chat finish reasons as Anthropic stop reasons. A stop sequence cannot be told from a natural
     * end (chat completions does not say which), so both read {@code end_turn}.
     */
    static String stopReason(String finishReason, boolean calledTools, boolean refused) {
        if (refused) {
            return "refusal";
        }
        return switch (finishReason == null ? "stop" : finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> calledTools ? "tool_use" : "end_turn";
        };
    }

    /** Anthropic counts cache reads apart from input tokens; the gateway never writes a cache. */
    static ObjectNode usage(ChatUsage usage) {
        ObjectNode node = Jsons.object();
        node.put("input_tokens", usage.uncachedPromptTokens());
        node.put("output_tokens", usage.completionTokens());
        node.put("cache_read_input_tokens", usage.cachedTokens());
        node.put("cache_creation_input_tokens", 0);
        return node;
    }

    /** A tool's input must be an object; arguments that are not a JSON object become {@code {}}. */
    static JsonNode toolInput(String arguments) {
        byte[] bytes = arguments.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode input = Jsons.readOrNull(bytes, 0, bytes.length);
        return input != null && input.isObject() ? input : Jsons.object();
    }
}
