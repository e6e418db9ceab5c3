package io.conduit.provider.cohere;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.provider.cohere.internal.CohereUsage;
import io.conduit.provider.spi.openai.OpenAiShapes;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.sse.SseEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Relays a Cohere v2 chat stream (https://docs.cohere.com/docs/streaming: {@code event:} +
 * {@code data:} server-sent events, each data a JSON object with its {@code type}) as OpenAI
 * {@code chat.completion.chunk} events. {@code content-delta} text and {@code tool-call-*}
 * events become deltas; {@code message-end} carries the finish reason and usage, and ends the
 * client's stream with the finish chunk, the usage chunk (when asked for) and {@code [DONE]}. A
 * {@code message-end} whose finish reason is {@code ERROR} or {@code TIMEOUT} ends it with an
 * OpenAI error event instead. Thinking, tool plans and citations are not relayed.
 */
final class CohereStreamRelay implements StreamRelay {

    private final String model;
    private final boolean clientWantsUsage;
    private final long created = System.currentTimeMillis() / 1000;
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private final StringBuilder generated = new StringBuilder();
    private String id = "cohere-chat";
    private boolean roleSent;
    private TokenUsage usage;
    private boolean completed;
    private ProviderException failure;

    CohereStreamRelay(String model, boolean clientWantsUsage) {
        this.model = model;
        this.clientWantsUsage = clientWantsUsage;
    }

    @Override
    public byte[] relay(byte[] event) {
        String data = SseEvents.data(event);
        if (data == null || completed || data.strip().equals("[DONE]")) {
            return null;
        }
        JsonNode json;
        try {
            json = JSON.readTree(data);
        } catch (JacksonException e) {
            return null;
        }
        String type = json.path("type").asString(eventName(event));
        JsonNode message = json.path("delta").path("message");
        return switch (type) {
            case "message-start" -> {
                id = json.path("id").asString(id);
                yield null;
            }
            case "content-start", "content-delta" -> text(message.path("content"));
            case "tool-plan-delta" -> {
                generated.append(message.path("tool_plan").asString(""));
                yield null;
            }
            case "tool-call-start" -> toolCallStart(json.path("index").asInt(0), message.path("tool_calls"));
            case "tool-call-delta" -> toolCallDelta(json.path("index").asInt(0), message.path("tool_calls"));
            case "message-end" -> end(json.path("delta"));
            default -> null; // content-end, tool-call-end, citation-start/end, debug
        };
    }

    private byte[] text(JsonNode content) {
        if (content.path("thinking").isString()) {
            generated.append(content.path("thinking").asString());
        }
        String text = content.path("text").asString("");
        if (text.isEmpty()) {
            return null;
        }
        generated.append(text);
        ObjectNode chunk = chunk();
        delta(chunk, null).put("content", text);
        return OpenAiShapes.event(chunk);
    }

    private byte[] toolCallStart(int cohereIndex, JsonNode call) {
        int index = toolIndexes.computeIfAbsent(cohereIndex, i -> toolIndexes.size());
        String arguments = call.path("function").path("arguments").asString("");
        generated.append(arguments);
        ObjectNode chunk = chunk();
        ObjectNode openAiCall = delta(chunk, null).putArray("tool_calls").addObject();
        openAiCall.put("index", index);
        openAiCall.put("id", call.path("id").asString(""));
        openAiCall.put("type", "function");
        openAiCall.putObject("function").put("name", call.path("function").path("name").asString(""))
                .put("arguments", arguments);
        return OpenAiShapes.event(chunk);
    }

    private byte[] toolCallDelta(int cohereIndex, JsonNode call) {
        String arguments = call.path("function").path("arguments").asString("");
        Integer index = toolIndexes.get(cohereIndex);
        if (arguments.isEmpty() || index == null) {
            return null;
        }
        generated.append(arguments);
        ObjectNode chunk = chunk();
        ObjectNode openAiCall = delta(chunk, null).putArray("tool_calls").addObject();
        openAiCall.put("index", index);
        openAiCall.putObject("function").put("arguments", arguments);
        return OpenAiShapes.event(chunk);
    }

    private byte[] end(JsonNode delta) {
        completed = true;
        // no usage object (a stream that failed with ERROR may carry none): the gateway counts the tokens itself
        usage = delta.path("usage").isObject() ? CohereUsage.fromUsage(delta.path("usage")) : null;
        String finish = delta.path("finish_reason").asString(null);
        String openAiFinish = CohereFinishReasons.toOpenAi(finish);
        if (openAiFinish == null) {
            failure = CohereFinishReasons.failure(finish, delta.path("error").asString(null));
            return OpenAiShapes.errorEvent(failure.error());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectNode finishChunk = chunk();
        delta(finishChunk, openAiFinish);
        out.writeBytes(OpenAiShapes.event(finishChunk));
        if (clientWantsUsage) {
            ObjectNode usageChunk = OpenAiShapes.chunk(id, created, model);
            usageChunk.putArray("choices");
            usageChunk.set("usage", OpenAiShapes.usage(usage == null ? TokenUsage.NONE : usage));
            out.writeBytes(OpenAiShapes.event(usageChunk));
        }
        out.writeBytes(OpenAiShapes.done());
        return out.toByteArray();
    }

    private ObjectNode chunk() {
        return OpenAiShapes.chunk(id, created, model);
    }

    /** The chunk's delta; the first one also carries the assistant role, as OpenAI's does. */
    private ObjectNode delta(ObjectNode chunk, String finishReason) {
        ObjectNode delta = OpenAiShapes.delta(chunk, finishReason);
        if (!roleSent) {
            delta.put("role", "assistant");
            roleSent = true;
        }
        return delta;
    }

    private static String eventName(byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8);
        for (String line : text.split("\r\n|\r|\n")) {
            if (line.startsWith("event:")) {
                return line.substring(6).strip();
            }
        }
        return "";
    }

    @Override
    public Optional<TokenUsage> reportedUsage() {
        return Optional.ofNullable(usage);
    }

    @Override
    public boolean completed() {
        return completed;
    }

    @Override
    public String generatedText() {
        return generated.toString();
    }

    @Override
    public Optional<ProviderException> streamFailure() {
        return Optional.ofNullable(failure);
    }
}
