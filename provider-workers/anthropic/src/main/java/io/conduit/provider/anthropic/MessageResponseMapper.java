package io.conduit.provider.anthropic;

import io.conduit.provider.anthropic.internal.AnthropicUsage;
import io.conduit.provider.anthropic.internal.FinishReasons;
import io.conduit.provider.anthropic.internal.JsonOutputTool;
import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.anthropic.internal.ReasoningTokens;
import io.conduit.provider.spi.TokenUsage;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Anthropic {@code message} as an OpenAI {@code chat.completion}: text blocks joined into
 * {@code message.content}, thinking blocks into {@code message.reasoning_content} (never into the
 * content), {@code tool_use} blocks into {@code tool_calls} with the input as compact JSON
 * arguments, the gateway's JSON-output tool call into the content, the stop reason into
 * {@code finish_reason}, and the usage with cache reads and writes counted as prompt tokens.
 */
final class MessageResponseMapper {

    /** What an answer holds, read once for both the client body and the accounting. */
    record Answer(String id, String model, String text, String thinking, boolean thought, ArrayNode toolCalls,
            String stopReason, AnthropicUsage usage, String visibleOutput) {

        long reasoningTokens() {
            return ReasoningTokens.of(usage, thought, visibleOutput);
        }

        TokenUsage tokenUsage() {
            return usage.toTokenUsage(reasoningTokens());
        }
    }

    private final Clock clock;

    MessageResponseMapper(Clock clock) {
        this.clock = clock;
    }

    static Answer read(JsonNode message) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        StringBuilder toolJson = new StringBuilder();
        boolean thought = false;
        ArrayNode toolCalls = Jsons.array();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "thinking" -> {
                    thought = true;
                    thinking.append(block.path("thinking").asString(""));
                }
                case "redacted_thinking" -> thought = true;
                case "tool_use" -> {
                    String arguments = Jsons.compact(block.path("input").isObject() ? block.path("input") : Jsons.object());
                    if (JsonOutputTool.NAME.equals(block.path("name").asString(""))) {
                        text.append(arguments);
                    } else {
                        toolJson.append(arguments);
                        ObjectNode call = toolCalls.addObject();
                        call.put("id", block.path("id").asString(""));
                        call.put("type", "function");
                        ObjectNode function = call.putObject("function");
                        function.put("name", block.path("name").asString(""));
                        function.put("arguments", arguments);
                    }
                }
                default -> {
                    // server tool blocks and block types added later carry nothing for the client
                }
            }
        }
        return new Answer(message.path("id").asString(""), message.path("model").asString(""), text.toString(),
                thinking.toString(), thought, toolCalls, Jsons.string(message.path("stop_reason"), null),
                AnthropicUsage.read(message.path("usage")), text.toString() + toolJson);
    }

    byte[] toChatCompletion(Answer answer) {
        ObjectNode out = Jsons.object();
        out.put("id", answer.id());
        out.put("object", "chat.completion");
        out.put("created", clock.instant().getEpochSecond());
        out.put("model", answer.model());
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (answer.text().isEmpty() && !answer.toolCalls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", answer.text());
        }
        if (!answer.thinking().isEmpty()) {
            message.put("reasoning_content", answer.thinking());
        }
        if (!answer.toolCalls().isEmpty()) {
            message.set("tool_calls", answer.toolCalls());
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", FinishReasons.of(answer.stopReason(), !answer.toolCalls().isEmpty()));
        out.set("usage", answer.usage().toOpenAi(answer.reasoningTokens()));
        return Jsons.bytes(out);
    }
}
