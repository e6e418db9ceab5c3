package io.conduit.provider.spi.openai;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.TokenUsage;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI shapes translating adapters write: usage objects, {@code chat.completion.chunk}
 * skeletons and server-sent events. One place, so plain and streamed answers report usage
 * identically.
 */
public final class OpenAiShapes {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private OpenAiShapes() {}

    /** OpenAI's {@code usage} object, with both detail objects always present. */
    public static ObjectNode usage(TokenUsage usage) {
        ObjectNode node = JSON.createObjectNode();
        node.put("prompt_tokens", usage.promptTokens());
        node.put("completion_tokens", usage.completionTokens());
        node.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        return node;
    }

    /** A chunk with one choice whose delta the caller fills. */
    public static ObjectNode chunk(String id, long created, String model) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    /** Adds the single choice to a chunk and returns its delta. */
    public static ObjectNode delta(ObjectNode chunk, String finishReason) {
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return delta;
    }

    /** {@code data: <json>\n\n}. */
    public static byte[] event(JsonNode json) {
        byte[] body = JSON.writeValueAsBytes(json);
        byte[] out = new byte[body.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 6);
        System.arraycopy(body, 0, out, 6, body.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    public static byte[] done() {
        return DONE.clone();
    }

    /** An OpenAI error event, as OpenAI sends one inside a stream. */
    public static byte[] errorEvent(ProviderError error) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.message());
        body.put("type", error.type());
        body.putNull("param");
        body.put("code", error.code());
        return event(root);
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
