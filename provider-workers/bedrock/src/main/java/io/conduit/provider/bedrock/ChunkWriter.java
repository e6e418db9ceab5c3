package io.conduit.provider.bedrock;

import io.conduit.provider.spi.ProviderError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes the OpenAI {@code chat.completion.chunk} server-sent events of one stream. */
final class ChunkWriter {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String id;
    private final long created;
    private final String model;

    ChunkWriter(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    byte[] role() {
        ObjectNode delta = BedrockJson.object();
        delta.put("role", "assistant");
        delta.put("content", "");
        return choice(delta, null);
    }

    byte[] content(String text) {
        ObjectNode delta = BedrockJson.object();
        delta.put("content", text);
        return choice(delta, null);
    }

    /** Reasoning text, under the {@code reasoning_content} delta field clients of reasoning models read. */
    byte[] reasoning(String text) {
        ObjectNode delta = BedrockJson.object();
        delta.put("reasoning_content", text);
        return choice(delta, null);
    }

    byte[] toolCallStart(int index, String callId, String name) {
        ObjectNode call = toolCall(index);
        call.put("id", callId);
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", name);
        function.put("arguments", "");
        return choice(wrap(call), null);
    }

    byte[] toolCallArguments(int index, String piece) {
        ObjectNode call = toolCall(index);
        call.putObject("function").put("arguments", piece);
        return choice(wrap(call), null);
    }

    byte[] finish(String finishReason) {
        return choice(BedrockJson.object(), finishReason);
    }

    /** The final usage chunk: no choices, the usage. */
    byte[] usage(JsonNode usage) {
        ObjectNode chunk = header();
        chunk.putArray("choices");
        chunk.set("usage", usage);
        return event(chunk);
    }

    /** An OpenAI error envelope as a data event, as OpenAI streams report errors. */
    static byte[] error(ProviderError error) {
        ObjectNode root = BedrockJson.object();
        ObjectNode e = root.putObject("error");
        e.put("message", error.message());
        e.put("type", error.type());
        e.put("param", error.param());
        e.put("code", error.code());
        return event(root);
    }

    private static ObjectNode toolCall(int index) {
        ObjectNode call = BedrockJson.object();
        call.put("index", index);
        return call;
    }

    private static ObjectNode wrap(ObjectNode call) {
        ObjectNode delta = BedrockJson.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private byte[] choice(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return event(chunk);
    }

    private ObjectNode header() {
        ObjectNode chunk = BedrockJson.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    private static byte[] event(JsonNode json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(DATA);
        out.writeBytes(BedrockJson.bytes(json));
        out.writeBytes(END);
        return out.toByteArray();
    }
}
