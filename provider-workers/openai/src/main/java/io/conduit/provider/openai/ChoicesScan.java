package io.conduit.provider.openai;

import io.conduit.contracts.json.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Looks into a chunk's {@code choices} for what a chat client reads. */
final class ChoicesScan {

    private static final byte[] DELTA = "\"delta\"".getBytes(StandardCharsets.US_ASCII);

    private ChoicesScan() {}

    /**
     * Whether no choice has a {@code delta} or a finish reason, as in Azure's asynchronous content
     * filter annotations. Chunks with a delta (nearly all) are told apart without parsing.
     */
    static boolean carriesNothing(byte[] choicesArray) {
        if (contains(choicesArray, DELTA)) {
            return false;
        }
        try {
            for (JsonNode choice : Json.mapper().readTree(choicesArray)) {
                if (choice.path("delta").isObject() || choice.path("finish_reason").isString()) {
                    return false;
                }
            }
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (bytes[i + k] != part[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
