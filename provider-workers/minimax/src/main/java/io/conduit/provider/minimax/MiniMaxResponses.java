package io.conduit.provider.minimax;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.provider.minimax.internal.MiniMaxUsage;
import io.conduit.provider.spi.openai.OpenAiShapes;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.TokenUsage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a MiniMax chat answer into a clean OpenAI {@code chat.completion}. A non-zero
 * {@code base_resp.status_code} (an error answered with HTTP 200) is thrown as the failure it
 * stands for. The {@code <think>} block is taken off the content; {@code reasoning_content} /
 * {@code reasoning_details} and MiniMax's extra fields ({@code base_resp}, {@code *_sensitive*},
 * {@code audio_content}, {@code name}) are left out. An answer MiniMax flags as sensitive
 * ({@code input_sensitive} / {@code output_sensitive}) finishes with {@code content_filter}.
 */
final class MiniMaxResponses {

    private MiniMaxResponses() {}

    static TokenUsage usage(byte[] body) {
        try {
            TokenUsage usage = MiniMaxUsage.read(JSON.readTree(body).path("usage"));
            return usage == null ? TokenUsage.NONE : usage;
        } catch (JacksonException e) {
            return TokenUsage.NONE;
        }
    }

    static byte[] toOpenAi(byte[] providerBody) {
        JsonNode answer;
        try {
            answer = JSON.readTree(providerBody);
        } catch (JacksonException e) {
            throw ProviderException.of(Kind.SERVER_ERROR, 502,
                    new ProviderError("MiniMax answered with a body that is not JSON.", "api_error", null, null), null);
        }
        MiniMaxCodes.check(answer);
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        ThinkStripper stripper = new ThinkStripper();
        String text = stripper.feed(message.path("content").asString("")) + stripper.finish();
        ArrayNode calls = toolCalls(message.path("tool_calls"));

        ObjectNode out = JSON.createObjectNode();
        out.put("id", answer.path("id").asString("minimax-chat"));
        out.put("object", "chat.completion");
        out.put("created", answer.path("created").asLong(System.currentTimeMillis() / 1000));
        out.put("model", answer.path("model").asString("minimax"));
        ObjectNode c = out.putArray("choices").addObject();
        c.put("index", 0);
        ObjectNode msg = c.putObject("message");
        msg.put("role", "assistant");
        if (!calls.isEmpty() && text.isBlank()) {
            msg.putNull("content");
        } else {
            msg.put("content", text);
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
        msg.putNull("refusal");
        c.putNull("logprobs");
        c.put("finish_reason", sensitive(answer) ? "content_filter" : choice.path("finish_reason").asString("stop"));
        TokenUsage usage = MiniMaxUsage.read(answer.path("usage"));
        out.set("usage", OpenAiShapes.usage(usage == null ? TokenUsage.NONE : usage));
        return JSON.writeValueAsBytes(out);
    }

    /** Whether MiniMax's moderation flagged the input or the output. */
    static boolean sensitive(JsonNode answer) {
        return answer.path("input_sensitive").asBoolean(false) || answer.path("output_sensitive").asBoolean(false);
    }

    private static ArrayNode toolCalls(JsonNode calls) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode call : calls) {
            ObjectNode c = out.addObject();
            c.put("id", call.path("id").asString(""));
            c.put("type", "function");
            JsonNode args = call.path("function").path("arguments");
            c.putObject("function").put("name", call.path("function").path("name").asString(""))
                    .put("arguments", args.isString() ? args.asString() : args.isMissingNode() ? "{}" : JSON.writeValueAsString(args));
        }
        return out;
    }
}
