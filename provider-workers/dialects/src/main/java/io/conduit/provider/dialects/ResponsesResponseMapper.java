package io.conduit.provider.dialects;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat completion as an OpenAI {@code response} object, and the pieces of one the stream
 * translator shares. Reference: {@code Response} in the OpenAPI description and
 * https://platform.openai.com/docs/api-reference/responses/object. Output: one message item with
 * the text (and refusal), then one {@code function_call} item per call. Item ids derive from the
 * response id and the output index, so plain and streamed answers agree.
 */
final class ResponsesResponseMapper {

    private ResponsesResponseMapper() {}

    static byte[] map(byte[] chatCompletion, ChatRequest request, long now) {
        ChatAnswer answer = ChatAnswer.parse(chatCompletion);
        ArrayNode output = Jsons.array();
        String refusal = answer.refusal() == null ? "" : answer.refusal();
        if (!answer.text().isEmpty() || !refusal.isEmpty() || answer.toolCalls().isEmpty()) {
            ArrayNode content = Jsons.array();
            if (!answer.text().isEmpty() || refusal.isEmpty()) {
                content.add(textPart(answer.text()));
            }
            if (!refusal.isEmpty()) {
                content.add(refusalPart(refusal));
            }
            output.add(messageItem(itemId(request, "msg_", 0), "completed", content));
        }
        for (ChatAnswer.ToolCall call : answer.toolCalls()) {
            output.add(functionCallItem(itemId(request, "fc_", output.size()), callId(call.id()), call.name(),
                    call.arguments(), "completed"));
        }
        return Jsons.bytes(finished(request, answer.finishReason(), output, answer.usage(), now));
    }

    /** The response once the answer is complete: {@code completed}, or {@code incomplete} and why. */
    static ObjectNode finished(ChatRequest request, String finishReason, ArrayNode output, ChatUsage usage, long now) {
        String incomplete = switch (finishReason == null ? "" : finishReason) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
        ObjectNode response = response(request, incomplete == null ? "completed" : "incomplete", output, usage);
        if (incomplete == null) {
            response.put("completed_at", now);
        } else {
            response.putObject("incomplete_details").put("reason", incomplete);
        }
        return response;
    }

    /** The response with the echoed request parameters; {@code usage} may be null (not known yet). */
    static ObjectNode response(ChatRequest request, String status, ArrayNode output, ChatUsage usage) {
        ObjectNode response = Jsons.object();
        response.put("id", request.responseId());
        response.put("object", "response");
        response.put("created_at", request.createdAt());
        response.put("status", status);
        response.put("background", false);
        response.putNull("completed_at");
        response.putNull("error");
        response.putNull("incomplete_details");
        response.put("model", request.clientModel());
        response.set("output", output);
        response.setAll(request.echo());
        if (usage == null) {
            response.putNull("usage");
        } else {
            response.set("usage", usage(usage));
        }
        return response;
    }

    static ObjectNode usage(ChatUsage usage) {
        ObjectNode node = Jsons.object();
        node.put("input_tokens", usage.promptTokens());
        node.putObject("input_tokens_details").put("cached_tokens", usage.cachedTokens()).put("cache_write_tokens", 0);
        node.put("output_tokens", usage.completionTokens());
        node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        node.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        return node;
    }

    static ObjectNode messageItem(String id, String status, ArrayNode content) {
        ObjectNode item = Jsons.object().put("id", id).put("type", "message").put("status", status)
                .put("role", "assistant");
        item.set("content", content);
        return item;
    }

    static ObjectNode textPart(String text) {
        ObjectNode part = Jsons.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode refusalPart(String refusal) {
        return Jsons.object().put("type", "refusal").put("refusal", refusal);
    }

    static ObjectNode functionCallItem(String id, String callId, String name, String arguments, String status) {
        return Jsons.object().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }

    /** Item ids share the response id's random part, ending in the output index. */
    static String itemId(ChatRequest request, String prefix, int outputIndex) {
        String random = request.responseId().substring(request.responseId().indexOf('_') + 1);
        return prefix + random.substring(0, Math.max(0, random.length() - 2)) + "%02x".formatted(outputIndex & 0xff);
    }

    static String callId(String chatId) {
        return chatId == null ? Ids.openAi("call_") : chatId;
    }
}
