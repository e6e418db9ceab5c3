package io.conduit.ingress.proxy;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.conduit.contracts.json.Json;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Counts tokens with a real BPE tokenizer (o200k_base) when a provider reported no usage: a client
 * abort or a cut stream. Only used off the normal path, so its cost does not matter to the rest.
 */
public final class TokenEstimator {

    /** OpenAI's chat format adds about three tokens per message and three to prime the reply. */
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_REPLY = 3;

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    public long countText(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /**
     * Prompt tokens of a chat request ({@code messages}), an embeddings request ({@code input}) or a
     * Responses request ({@code instructions} and {@code input}).
     */
    public long countPrompt(JsonObjectScan body) {
        long total = 0;
        JsonMember messages = body.member("messages").orElse(null);
        if (messages != null) {
            JsonNode array = tree(body, messages);
            for (JsonNode message : array) {
                total += TOKENS_PER_MESSAGE + countText(message.path("role").asString(""));
                total += countContent(message.path("content"));
            }
            return total + TOKENS_PER_REPLY;
        }
        JsonMember input = body.member("input").orElse(null);
        total = input == null ? 0 : countContent(tree(body, input));
        JsonMember instructions = body.member("instructions").orElse(null);
        return instructions == null ? total : total + countContent(tree(body, instructions));
    }

    /**
     * Text, or a list of strings and parts; Responses API input items count by their content, tool
     * output and call arguments.
     */
    private long countContent(JsonNode content) {
        if (content.isString()) {
            return countText(content.asString());
        }
        long total = 0;
        for (JsonNode part : content) {
            if (part.isString()) {
                total += countText(part.asString());
            } else if (part.isObject()) {
                total += countText(part.path("text").asString("")) + countText(part.path("arguments").asString(""));
                JsonNode nested = part.has("content") ? part.get("content") : part.path("output");
                total += nested.isString() || nested.isArray() ? countContent(nested) : 0;
            }
        }
        return total;
    }

    private static JsonNode tree(JsonObjectScan body, JsonMember member) {
        try {
            return Json.mapper().readTree(body.rawValue(member));
        } catch (JacksonException e) {
            return Json.mapper().missingNode();
        }
    }
}
