package io.conduit.provider.anthropic;

import io.conduit.provider.anthropic.internal.AnthropicUsage;
import io.conduit.provider.anthropic.internal.FinishReasons;
import io.conduit.provider.anthropic.internal.JsonOutputTool;
import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.anthropic.internal.ReasoningTokens;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.sse.SseEvents;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates Anthropic's named stream events
 * (https://docs.anthropic.com/en/docs/build-with-claude/streaming) into OpenAI
 * {@code chat.completion.chunk}s: {@code message_start} → the first chunk (role assistant);
 * text deltas → content; a {@code tool_use} block's start → a tool call (id, name, empty
 * arguments) at the next tool-call index, its {@code input_json_delta}s → argument pieces at that
 * index; thinking deltas → {@code reasoning_content}; {@code message_delta} → the finish chunk;
 * {@code message_stop} → the usage chunk (when the client asked for it) and {@code [DONE]};
 * {@code ping} → nothing; an {@code error} event → an OpenAI-style error event, after which the
 * stream counts as failed, not completed. Usage in {@code message_delta} is cumulative: the
 * latest value of each field is kept, never added to the one of {@code message_start}.
 */
final class AnthropicStreamRelay implements StreamRelay {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private enum Kind { TEXT, TOOL, JSON_OUTPUT, THINKING, OTHER }

    /** A content block of the answer, by Anthropic's block index. */
    private record Block(Kind kind, int toolIndex, StringBuilder json) {}

    private static final Block OTHER = new Block(Kind.OTHER, -1, null);

    private final boolean clientWantsUsage;
    private final long created;
    private final Map<Integer, Block> blocks = new HashMap<>();
    /** Text and tool-call arguments as they came, for a cut stream's estimate. */
    private final StringBuilder generated = new StringBuilder();
    /** Visible output as the plain answer holds it (text, then compact tool JSON), for the reasoning estimate. */
    private final StringBuilder visibleText = new StringBuilder();
    private final StringBuilder toolJson = new StringBuilder();
    private String id = "";
    private String model = "";
    private AnthropicUsage usage = AnthropicUsage.NONE;
    private boolean usageFinal;
    private boolean thought;
    private int toolCalls;
    private boolean finishSent;
    private boolean done;
    private ProviderException failure;

    AnthropicStreamRelay(boolean clientWantsUsage, Clock clock) {
        this.clientWantsUsage = clientWantsUsage;
        this.created = clock.instant().getEpochSecond();
    }

    @Override
    public byte[] relay(byte[] event) {
        String data = SseEvents.data(event);
        if (data == null) {
            return null;
        }
        JsonNode node = Jsons.read(data);
        if (!node.isObject()) {
            return null;
        }
        return switch (node.path("type").asString("")) {
            case "message_start" -> messageStart(node.path("message"));
            case "content_block_start" -> blockStart(node.path("index").asInt(), node.path("content_block"));
            case "content_block_delta" -> blockDelta(blocks.getOrDefault(node.path("index").asInt(), OTHER),
                    node.path("delta"));
            case "content_block_stop" -> blockStop(blocks.getOrDefault(node.path("index").asInt(), OTHER));
            case "message_delta" -> messageDelta(node);
            case "message_stop" -> messageStop();
            case "error" -> error(node.path("error"));
            default -> null; // ping, and event types added later
        };
    }

    @Override
    public Optional<TokenUsage> reportedUsage() {
        if (!usageFinal) {
            return Optional.empty();
        }
        return Optional.of(usage.toTokenUsage(ReasoningTokens.of(usage, thought, visibleText.toString() + toolJson)));
    }

    @Override
    public boolean completed() {
        return done && failure == null;
    }

    @Override
    public String generatedText() {
        return generated.toString();
    }

    @Override
    public Optional<ProviderException> streamFailure() {
        return Optional.ofNullable(failure);
    }

    private byte[] messageStart(JsonNode message) {
        id = message.path("id").asString("");
        model = message.path("model").asString("");
        usage = usage.updatedBy(message.path("usage"));
        ObjectNode delta = Jsons.object();
        delta.put("role", "assistant");
        delta.put("content", "");
        return chunk(delta, null);
    }

    private byte[] blockStart(int index, JsonNode block) {
        switch (block.path("type").asString("")) {
            case "text" -> {
                blocks.put(index, new Block(Kind.TEXT, -1, null));
                return text(block.path("text").asString(""));
            }
            case "tool_use" -> {
                if (JsonOutputTool.NAME.equals(block.path("name").asString(""))) {
                    blocks.put(index, new Block(Kind.JSON_OUTPUT, -1, new StringBuilder()));
                    return null;
                }
                int toolIndex = toolCalls++;
                blocks.put(index, new Block(Kind.TOOL, toolIndex, new StringBuilder()));
                ObjectNode call = Jsons.object();
                call.put("index", toolIndex);
                call.put("id", block.path("id").asString(""));
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", block.path("name").asString(""));
                function.put("arguments", "");
                ObjectNode delta = Jsons.object();
                delta.putArray("tool_calls").add(call);
                return chunk(delta, null);
            }
            case "thinking" -> {
                thought = true;
                blocks.put(index, new Block(Kind.THINKING, -1, null));
                return reasoning(block.path("thinking").asString(""));
            }
            case "redacted_thinking" -> {
                thought = true;
                return null;
            }
            default -> {
                return null; // server tool blocks carry nothing for the client
            }
        }
    }

    private byte[] blockDelta(Block block, JsonNode delta) {
        switch (delta.path("type").asString("")) {
            case "text_delta" -> {
                return text(delta.path("text").asString(""));
            }
            case "input_json_delta" -> {
                String piece = delta.path("partial_json").asString("");
                if (piece.isEmpty() || block.json() == null) {
                    return null;
                }
                block.json().append(piece);
                generated.append(piece);
                if (block.kind() == Kind.JSON_OUTPUT) {
                    return content(piece);
                }
                ObjectNode call = Jsons.object();
                call.put("index", block.toolIndex());
                call.putObject("function").put("arguments", piece);
                ObjectNode out = Jsons.object();
                out.putArray("tool_calls").add(call);
                return chunk(out, null);
            }
            case "thinking_delta" -> {
                return reasoning(delta.path("thinking").asString(""));
            }
            default -> {
                return null; // signature_delta, citations_delta
            }
        }
    }

    /** A finished tool block's arguments, compacted as the plain answer would give them. */
    private byte[] blockStop(Block block) {
        if (block.json() != null) {
            JsonNode parsed = Jsons.read(block.json().toString());
            String arguments = parsed.isObject() ? Jsons.compact(parsed) : block.json().toString();
            (block.kind() == Kind.JSON_OUTPUT ? visibleText : toolJson).append(arguments);
        }
        return null;
    }

    private byte[] messageDelta(JsonNode event) {
        usage = usage.updatedBy(event.path("usage"));
        usageFinal = true;
        String stopReason = Jsons.string(event.path("delta").path("stop_reason"), null);
        if (stopReason == null || finishSent) {
            return null;
        }
        return finish(stopReason);
    }

    private byte[] messageStop() {
        done = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!finishSent) {
            out.writeBytes(finish(null));
        }
        if (clientWantsUsage && usageFinal) {
            ObjectNode chunk = envelope();
            chunk.putArray("choices");
            chunk.set("usage", usage.toOpenAi(reportedUsage().orElseThrow().reasoningTokens()));
            out.writeBytes(event(chunk));
        }
        out.writeBytes(DONE);
        return out.toByteArray();
    }

    private byte[] error(JsonNode error) {
        failure = AnthropicErrorMapper.fromStreamEvent(error);
        ObjectNode body = Jsons.object();
        ObjectNode openAi = body.putObject("error");
        openAi.put("message", failure.error().message());
        openAi.put("type", failure.error().type());
        openAi.putNull("param");
        openAi.putNull("code");
        return event(body);
    }

    private byte[] finish(String stopReason) {
        finishSent = true;
        return chunk(Jsons.object(), FinishReasons.of(stopReason, toolCalls > 0));
    }

    private byte[] text(String text) {
        if (text.isEmpty()) {
            return null;
        }
        generated.append(text);
        visibleText.append(text);
        return content(text);
    }

    private byte[] content(String text) {
        ObjectNode delta = Jsons.object();
        delta.put("content", text);
        return chunk(delta, null);
    }

    private byte[] reasoning(String thinking) {
        if (thinking.isEmpty()) {
            return null;
        }
        ObjectNode delta = Jsons.object();
        delta.put("reasoning_content", thinking);
        return chunk(delta, null);
    }

    private byte[] chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return event(chunk);
    }

    private ObjectNode envelope() {
        ObjectNode chunk = Jsons.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    private static byte[] event(ObjectNode body) {
        byte[] json = Jsons.bytes(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 8);
        out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(json);
        out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
