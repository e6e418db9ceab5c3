package io.conduit.provider.bedrock;

import io.conduit.provider.spi.TokenUsage;
import java.time.Clock;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Converse answer ({@code output.message.content}, {@code stopReason}, {@code usage}) as an
 * OpenAI {@code chat.completion}: text blocks joined into {@code content}, {@code toolUse} blocks
 * as {@code tool_calls} (arguments as compact JSON), reasoning as {@code reasoning_content} (never
 * in {@code content}), and a {@link ConverseTools#JSON_TOOL} call as the JSON text of the answer.
 */
final class ConverseResponseMapper {

    /**
     * Converse answers do not name the model, and {@code responseBody} is not told which model was
     * called; so plain answers carry this family name. Streams carry the model id.
     */
    static final String UNNAMED_MODEL = "bedrock";

    private final Clock clock;

    ConverseResponseMapper(Clock clock) {
        this.clock = clock;
    }

    byte[] toOpenAi(byte[] converseBody) {
        return toOpenAi(converseBody, UNNAMED_MODEL);
    }

    /** The chat completion naming {@code model}. */
    byte[] toOpenAi(byte[] converseBody, String model) {
        JsonNode root = BedrockJson.read(converseBody);
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = BedrockJson.JSON.createArrayNode();
        boolean jsonToolCalled = false;
        for (JsonNode block : root.path("output").path("message").path("content")) {
            if (block.path("text").isString()) {
                text.append(block.path("text").asString());
            } else if (block.path("toolUse").isObject()) {
                JsonNode toolUse = block.path("toolUse");
                if (ConverseTools.JSON_TOOL.equals(toolUse.path("name").asString())) {
                    text.append(BedrockJson.text(toolUse.path("input")));
                    jsonToolCalled = true;
                } else {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", toolUse.path("toolUseId").asString(""));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", toolUse.path("name").asString(""));
                    function.put("arguments", BedrockJson.text(toolUse.path("input")));
                }
            } else if (block.path("reasoningContent").path("reasoningText").isObject()) {
                reasoning.append(block.path("reasoningContent").path("reasoningText").path("text").asString(""));
            }
        }
        ObjectNode out = BedrockJson.object();
        out.put("id", "chatcmpl-" + UUID.randomUUID());
        out.put("object", "chat.completion");
        out.put("created", clock.instant().getEpochSecond());
        out.put("model", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", StopReasons.finishReason(root.path("stopReason").asString(""),
                jsonToolCalled && toolCalls.isEmpty()));
        out.set("usage", ConverseUsage.openAi(usage(root)));
        return BedrockJson.bytes(out);
    }

    static TokenUsage usage(JsonNode converseRoot) {
        return ConverseUsage.read(converseRoot.path("usage"));
    }
}
