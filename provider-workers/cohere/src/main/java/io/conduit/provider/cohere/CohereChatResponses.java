package io.conduit.provider.cohere;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.provider.cohere.internal.CohereUsage;
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
 * Turns a Cohere v2 chat answer into an OpenAI {@code chat.completion}: the {@code text} content
 * items joined as the message content, {@code tool_calls} as they are (Cohere already uses
 * OpenAI's shape). {@code thinking} content and {@code tool_plan} are the model's reasoning, not
 * its answer, and are left out; so are citations.
 */
final class CohereChatResponses {

    /**
     * Cohere's answer does not name the model and the SPI gives this method no request, so the
     * family id stands in for it.
     */
    static final String MODEL = "cohere";

    private CohereChatResponses() {}

    static TokenUsage usage(byte[] body) {
        try {
            return CohereUsage.fromUsage(JSON.readTree(body).path("usage"));
        } catch (JacksonException e) {
            return TokenUsage.NONE;
        }
    }

    static byte[] toOpenAi(byte[] providerBody, String model) {
        JsonNode answer;
        try {
            answer = JSON.readTree(providerBody);
        } catch (JacksonException e) {
            throw ProviderException.of(Kind.SERVER_ERROR, 502,
                    new ProviderError("Cohere answered with a body that is not JSON.", "api_error", null, null), null);
        }
        String finish = answer.path("finish_reason").asString(null);
        String openAiFinish = CohereFinishReasons.toOpenAi(finish);
        if (openAiFinish == null) {
            JsonNode detail = answer.path("error").isString() ? answer.path("error") : answer.path("message").path("error");
            throw CohereFinishReasons.failure(finish, detail.asString(null));
        }
        JsonNode message = answer.path("message");
        String text = text(message.path("content"));
        ArrayNode calls = toolCalls(message.path("tool_calls"));

        ObjectNode out = JSON.createObjectNode();
        out.put("id", answer.path("id").asString("cohere-chat"));
        out.put("object", "chat.completion");
        out.put("created", System.currentTimeMillis() / 1000);
        out.put("model", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode msg = choice.putObject("message");
        msg.put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            msg.putNull("content");
        } else {
            msg.put("content", text);
        }
        if (!calls.isEmpty()) {
            msg.set("tool_calls", calls);
        }
        msg.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", openAiFinish);
        out.set("usage", OpenAiShapes.usage(CohereUsage.fromUsage(answer.path("usage"))));
        return JSON.writeValueAsBytes(out);
    }

    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode item : content) {
            if ("text".equals(item.path("type").asString("text")) && item.path("text").isString()) {
                text.append(item.path("text").asString());
            }
        }
        return text.toString();
    }

    private static ArrayNode toolCalls(JsonNode calls) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode call : calls) {
            ObjectNode c = out.addObject();
            c.put("id", call.path("id").asString(""));
            c.put("type", "function");
            ObjectNode fn = c.putObject("function");
            fn.put("name", call.path("function").path("name").asString(""));
            JsonNode args = call.path("function").path("arguments");
            fn.put("arguments", args.isString() ? args.asString() : args.isMissingNode() ? "{}" : JSON.writeValueAsString(args));
        }
        return out;
    }
}
