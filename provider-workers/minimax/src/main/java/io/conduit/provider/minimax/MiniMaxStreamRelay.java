package io.conduit.provider.minimax;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.provider.minimax.internal.MiniMaxUsage;
import io.conduit.provider.spi.openai.OpenAiShapes;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.sse.SseEvents;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Relays a MiniMax chat stream as clean OpenAI {@code chat.completion.chunk} events. MiniMax
 * streams {@code data:} chunks whose {@code delta} carries content and tool calls, and ends with
 * a chunk that repeats the whole {@code message} together with the finish reason, the usage and
 * {@code base_resp} (no {@code [DONE]}; one is accepted if it comes). That last chunk ends the
 * client's stream: finish chunk, usage chunk (when asked for), {@code [DONE]}. A chunk whose
 * {@code base_resp} holds a non-zero code ends it with an OpenAI error event instead. The
 * {@code <think>} block is taken off the content as it streams.
 */
final class MiniMaxStreamRelay implements StreamRelay {

    private final String model;
    private final boolean clientWantsUsage;
    private final ThinkStripper stripper = new ThinkStripper();
    private final StringBuilder generated = new StringBuilder();
    private String id = "minimax-chat";
    private long created = System.currentTimeMillis() / 1000;
    private boolean roleSent;
    private boolean contentSeen;
    private boolean toolCallsSeen;
    private boolean filtered;
    private String finishReason;
    private TokenUsage usage;
    private boolean completed;
    private ProviderException failure;

    MiniMaxStreamRelay(String model, boolean clientWantsUsage) {
        this.model = model;
        this.clientWantsUsage = clientWantsUsage;
    }

    @Override
    public byte[] relay(byte[] event) {
        String data = SseEvents.data(event);
        if (data == null || completed) {
            return null;
        }
        if (data.strip().equals("[DONE]")) {
            return end();
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(data);
        } catch (JacksonException e) {
            return null;
        }
        int code = MiniMaxCodes.code(chunk);
        if (code != 0) {
            completed = true;
            failure = MiniMaxCodes.inBand(code, chunk.path("base_resp").path("status_msg").asString(null));
            return OpenAiShapes.errorEvent(failure.error());
        }
        id = chunk.path("id").asString(id);
        created = chunk.path("created").asLong(created);
        filtered |= MiniMaxResponses.sensitive(chunk);
        TokenUsage reported = MiniMaxUsage.read(chunk.path("usage"));
        if (reported != null) {
            usage = reported;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        content(delta.path("content").asString(""), out);
        generated.append(delta.path("reasoning_content").asString(""));
        for (JsonNode detail : delta.path("reasoning_details")) {
            generated.append(detail.path("text").asString(""));
        }
        toolCalls(delta.path("tool_calls"), out);
        // the closing chunk repeats the whole message: relay only what no delta carried
        JsonNode message = choice.path("message");
        if (!contentSeen) {
            content(message.path("content").asString(""), out);
        }
        if (!toolCallsSeen) {
            toolCalls(message.path("tool_calls"), out);
        }
        if (choice.path("finish_reason").isString()) {
            finishReason = choice.path("finish_reason").asString();
        }
        boolean last = chunk.has("base_resp") || "chat.completion".equals(chunk.path("object").asString(""))
                || (finishReason != null && reported != null);
        if (last) {
            out.writeBytes(end());
        }
        return out.size() == 0 ? null : out.toByteArray();
    }

    private void content(String piece, ByteArrayOutputStream out) {
        if (piece.isEmpty()) {
            return;
        }
        contentSeen = true;
        writeText(stripper.feed(piece), out);
    }

    private void writeText(String visible, ByteArrayOutputStream out) {
        if (visible.isEmpty()) {
            return;
        }
        generated.append(visible);
        ObjectNode chunk = chunk();
        delta(chunk, null).put("content", visible);
        out.writeBytes(OpenAiShapes.event(chunk));
    }

    private void toolCalls(JsonNode calls, ByteArrayOutputStream out) {
        if (!calls.isArray() || calls.isEmpty()) {
            return;
        }
        toolCallsSeen = true;
        ObjectNode chunk = chunk();
        var converted = delta(chunk, null).putArray("tool_calls");
        int position = 0;
        for (JsonNode call : calls) {
            ObjectNode c = converted.addObject();
            c.put("index", call.path("index").asInt(position++));
            if (call.path("id").isString()) {
                c.set("id", call.path("id"));
                c.put("type", "function");
            }
            ObjectNode fn = c.putObject("function");
            JsonNode function = call.path("function");
            if (function.path("name").isString()) {
                fn.set("name", function.path("name"));
            }
            String arguments = function.path("arguments").asString("");
            generated.append(arguments);
            fn.put("arguments", arguments);
        }
        out.writeBytes(OpenAiShapes.event(chunk));
    }

    /** The client's stream end: any held-back text, the finish chunk, the usage chunk if asked for, [DONE]. */
    private byte[] end() {
        completed = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeText(stripper.finish(), out);
        ObjectNode finish = chunk();
        delta(finish, filtered ? "content_filter" : finishReason == null ? "stop" : finishReason);
        out.writeBytes(OpenAiShapes.event(finish));
        if (clientWantsUsage && usage != null) {
            ObjectNode usageChunk = chunk();
            usageChunk.putArray("choices");
            usageChunk.set("usage", OpenAiShapes.usage(usage));
            out.writeBytes(OpenAiShapes.event(usageChunk));
        }
        out.writeBytes(OpenAiShapes.done());
        return out.toByteArray();
    }

    private ObjectNode chunk() {
        return OpenAiShapes.chunk(id, created, model);
    }

    /** The chunk's delta; the first one also carries the assistant role, as OpenAI's does. */
    private ObjectNode delta(ObjectNode chunk, String finish) {
        ObjectNode delta = OpenAiShapes.delta(chunk, finish);
        if (!roleSent) {
            delta.put("role", "assistant");
            roleSent = true;
        }
        return delta;
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
        return generated + stripper.reasoning();
    }

    @Override
    public Optional<ProviderException> streamFailure() {
        return Optional.ofNullable(failure);
    }
}
