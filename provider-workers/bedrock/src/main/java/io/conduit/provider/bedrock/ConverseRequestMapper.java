package io.conduit.provider.bedrock;

import static io.conduit.provider.bedrock.BedrockJson.badRequest;
import static io.conduit.provider.bedrock.BedrockJson.member;

import io.conduit.provider.bedrock.ConverseTools.JsonSchemaMode;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import io.conduit.provider.spi.json.JsonObjectScan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI chat request as a Converse request body: {@code messages}, {@code system},
 * {@code inferenceConfig}, {@code toolConfig}, {@code outputConfig} and, for Claude's extended
 * thinking, {@code additionalModelRequestFields}. The model travels in the URL, the stream flag in
 * the operation ({@code converse} or {@code converse-stream}).
 */
final class ConverseRequestMapper {

    /** Claude's smallest thinking budget. */
    static final int MIN_THINKING_BUDGET = 1024;
    /** Output tokens left for the answer after the thinking budget when the client set no limit. */
    static final int THINKING_ANSWER_ALLOWANCE = 4096;

    private ConverseRequestMapper() {}

    static byte[] map(InboundCall call, ModelCapabilities capabilities, JsonSchemaMode jsonSchemaMode) {
        return BedrockJson.bytes(tree(call, capabilities, jsonSchemaMode));
    }

    static ObjectNode tree(InboundCall call, ModelCapabilities capabilities, JsonSchemaMode jsonSchemaMode) {
        JsonObjectScan body = call.body();
        JsonNode n = member(body, "n");
        if (n.isNumber() && n.asInt() > 1) {
            throw badRequest("Bedrock answers with one choice only; n must be 1.", "n");
        }
        ConverseMessages.Mapped messages = ConverseMessages.map(member(body, "messages"));
        ObjectNode converse = BedrockJson.object();
        converse.set("messages", messages.messages());
        if (!messages.system().isEmpty()) {
            converse.set("system", messages.system());
        }
        Integer maxTokens = maxTokens(body);
        ObjectNode thinking = thinking(member(body, "reasoning_effort").asString(""), call.providerModel(),
                capabilities, maxTokens);
        if (thinking != null && maxTokens == null) {
            // Claude wants maxTokens above the budget; Bedrock's default for some models is lower
            int budget = thinking.path("budget_tokens").asInt();
            int limit = capabilities.maxOutputTokens() > 0 ? capabilities.maxOutputTokens() : Integer.MAX_VALUE;
            maxTokens = Math.min(limit, budget + THINKING_ANSWER_ALLOWANCE);
        }
        ObjectNode inference = BedrockJson.object();
        if (maxTokens != null) {
            inference.put("maxTokens", maxTokens);
        }
        copyNumber(member(body, "temperature"), inference, "temperature");
        copyNumber(member(body, "top_p"), inference, "topP");
        JsonNode stop = member(body, "stop");
        if (stop.isString()) {
            inference.putArray("stopSequences").add(stop.asString());
        } else if (stop.isArray() && !stop.isEmpty()) {
            inference.set("stopSequences", stop);
        }
        if (!inference.isEmpty()) {
            converse.set("inferenceConfig", inference);
        }
        ConverseTools.apply(converse, member(body, "tools"), member(body, "tool_choice"),
                member(body, "response_format"), messages, jsonSchemaMode, thinking != null);
        if (thinking != null) {
            converse.putObject("additionalModelRequestFields").set("thinking", thinking);
        }
        return converse;
    }

    private static Integer maxTokens(JsonObjectScan body) {
        JsonNode max = member(body, "max_completion_tokens");
        if (!max.isNumber()) {
            max = member(body, "max_tokens");
        }
        return max.isNumber() ? max.asInt() : null;
    }

    private static void copyNumber(JsonNode value, ObjectNode into, String name) {
        if (value.isNumber()) {
            into.set(name, value);
        }
    }

    /**
     * {@code reasoning_effort} as Claude's {@code thinking: {type: enabled, budget_tokens}}: 1,024
     * tokens for minimal and low, 4,096 for medium, 16,384 for high. OpenAI counts reasoning within
     * the output limit, so the budget stays below {@code max_tokens}; when that leaves less than
     * Claude's minimum, no thinking is asked for. Other models get no thinking parameters.
     */
    static ObjectNode thinking(String effort, String model, ModelCapabilities capabilities, Integer maxTokens) {
        if (!BedrockModels.isClaude(model) || !capabilities.supports(ModelFeature.REASONING)) {
            return null;
        }
        int budget = switch (effort) {
            case "minimal", "low" -> MIN_THINKING_BUDGET;
            case "medium" -> 4096;
            case "high", "xhigh" -> 16384;
            default -> 0;
        };
        if (maxTokens != null) {
            budget = Math.min(budget, maxTokens - 1);
        }
        if (budget < MIN_THINKING_BUDGET) {
            return null;
        }
        ObjectNode thinking = BedrockJson.object();
        thinking.put("type", "enabled");
        thinking.put("budget_tokens", budget);
        return thinking;
    }
}
