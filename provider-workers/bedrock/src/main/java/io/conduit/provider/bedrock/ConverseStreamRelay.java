package io.conduit.provider.bedrock;

import io.conduit.provider.bedrock.eventstream.EventStreamDecoder;
import io.conduit.provider.bedrock.eventstream.EventStreamMessage;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Relays one {@code ConverseStream} answer, message by message (see {@link EventStreamDecoder}),
 * as OpenAI {@code chat.completion.chunk} events: {@code messageStart} → the role chunk; text and
 * reasoning deltas → content and {@code reasoning_content} chunks; a {@code toolUse} block start →
 * a tool call with its id and name, and its input deltas → argument pieces; {@code messageStop} →
 * the finish chunk; {@code metadata} → the usage (a usage chunk only when the client asked), then
 * {@code data: [DONE]}. An exception message becomes an OpenAI error event and the
 * {@link #streamFailure()}. A {@link ConverseTools#JSON_TOOL} call streams as content.
 */
final class ConverseStreamRelay implements StreamRelay {

    private final ChunkWriter chunks;
    private final boolean clientWantsUsage;
    private final StringBuilder generated = new StringBuilder();
    /** contentBlockIndex → OpenAI tool-call index, for tool blocks. */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private final Set<Integer> jsonToolBlocks = new HashSet<>();
    private TokenUsage usage;
    private boolean stopped;
    private boolean ended;
    private ProviderException failure;

    ConverseStreamRelay(ChunkWriter chunks, boolean clientWantsUsage) {
        this.chunks = chunks;
        this.clientWantsUsage = clientWantsUsage;
    }

    @Override
    public byte[] relay(byte[] event) {
        if (ended) {
            return null;
        }
        EventStreamMessage message;
        JsonNode payload;
        try {
            message = EventStreamMessage.decode(event);
            payload = message.payload().length == 0 ? BedrockJson.object() : BedrockJson.JSON.readTree(message.payload());
        } catch (IllegalArgumentException | JacksonException e) {
            return fail(BedrockErrorMapper.inStream("InvalidEventStreamMessage",
                    "The provider sent a stream message that could not be read."));
        }
        String type = message.header(":message-type");
        if ("exception".equals(type)) {
            String exception = message.header(":exception-type");
            return fail(BedrockErrorMapper.inStream(exception == null ? "UnknownException" : exception,
                    payload.path("message").asString("The provider reported an error mid-stream.")));
        }
        if ("error".equals(type)) {
            String code = message.header(":error-code");
            String text = message.header(":error-message");
            return fail(BedrockErrorMapper.inStream(code == null ? "UnknownError" : code,
                    text == null ? "The provider reported an error mid-stream." : text));
        }
        return onEvent(message.header(":event-type"), payload);
    }

    private byte[] onEvent(String eventType, JsonNode payload) {
        if (eventType == null) {
            return null;
        }
        return switch (eventType) {
            case "messageStart" -> chunks.role();
            case "contentBlockStart" -> blockStart(payload.path("contentBlockIndex").asInt(),
                    payload.path("start").path("toolUse"));
            case "contentBlockDelta" -> delta(payload.path("contentBlockIndex").asInt(), payload.path("delta"));
            case "messageStop" -> {
                stopped = true;
                boolean onlyJsonTool = !jsonToolBlocks.isEmpty() && toolIndexes.isEmpty();
                yield chunks.finish(StopReasons.finishReason(payload.path("stopReason").asString(""), onlyJsonTool));
            }
            case "metadata" -> metadata(payload.path("usage"));
            default -> null; // contentBlockStop, and event types added later
        };
    }

    private byte[] blockStart(int block, JsonNode toolUse) {
        if (!toolUse.isObject()) {
            return null;
        }
        String name = toolUse.path("name").asString("");
        if (ConverseTools.JSON_TOOL.equals(name)) {
            jsonToolBlocks.add(block);
            return null;
        }
        int index = toolIndexes.size();
        toolIndexes.put(block, index);
        return chunks.toolCallStart(index, toolUse.path("toolUseId").asString(""), name);
    }

    private byte[] delta(int block, JsonNode delta) {
        if (delta.path("text").isString()) {
            String text = delta.path("text").asString();
            generated.append(text);
            return chunks.content(text);
        }
        if (delta.path("toolUse").isObject()) {
            String piece = delta.path("toolUse").path("input").asString("");
            generated.append(piece);
            if (jsonToolBlocks.contains(block)) {
                return piece.isEmpty() ? null : chunks.content(piece);
            }
            Integer index = toolIndexes.get(block);
            return index == null || piece.isEmpty() ? null : chunks.toolCallArguments(index, piece);
        }
        JsonNode reasoning = delta.path("reasoningContent");
        if (reasoning.path("text").isString()) {
            String text = reasoning.path("text").asString();
            generated.append(text);
            return chunks.reasoning(text);
        }
        return null; // reasoning signatures and redacted reasoning are not shown to OpenAI clients
    }

    private byte[] metadata(JsonNode converseUsage) {
        usage = ConverseUsage.read(converseUsage);
        ended = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (clientWantsUsage) {
            out.writeBytes(chunks.usage(ConverseUsage.openAi(usage)));
        }
        out.writeBytes(ChunkWriter.DONE);
        return out.toByteArray();
    }

    private byte[] fail(ProviderException error) {
        failure = error;
        ended = true;
        ProviderError e = error.error();
        return ChunkWriter.error(e);
    }

    @Override
    public Optional<TokenUsage> reportedUsage() {
        return Optional.ofNullable(usage);
    }

    /**
     * After {@code metadata} (Bedrock's last event), or {@code messageStop}; and after an exception,
     * which also ends Bedrock's stream (the failure is then in {@link #streamFailure()}).
     */
    @Override
    public boolean completed() {
        return ended || stopped;
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
