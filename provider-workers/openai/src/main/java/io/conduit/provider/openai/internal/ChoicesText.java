package io.conduit.provider.openai.internal;

import io.conduit.contracts.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Collects generated text (content, refusal, reasoning the provider shows, tool-call arguments)
 * from streamed {@code choices} arrays, to estimate the usage of a stream cut before its usage.
 */
public final class ChoicesText {

    private ChoicesText() {}

    public static void append(byte[] choicesArray, StringBuilder into) {
        try {
            for (JsonNode choice : Json.mapper().readTree(choicesArray)) {
                JsonNode delta = choice.path("delta");
                appendText(delta.path("reasoning_content"), into);
                appendText(delta.path("reasoning"), into);
                appendText(delta.path("content"), into);
                appendText(delta.path("refusal"), into);
                for (JsonNode call : delta.path("tool_calls")) {
                    appendText(call.path("function").path("arguments"), into);
                }
            }
        } catch (JacksonException e) {
            // a chunk we cannot read adds no text; the stream itself was relayed unchanged
        }
    }

    private static void appendText(JsonNode node, StringBuilder into) {
        if (node.isString()) {
            into.append(node.asString());
        }
    }
}
