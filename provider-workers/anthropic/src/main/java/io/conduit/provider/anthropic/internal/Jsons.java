package io.conduit.provider.anthropic.internal;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The plain JSON mapper of the Anthropic adapter (names as written, no naming strategy). */
public final class Jsons {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Jsons() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The bytes as a JSON tree, or a missing node when they are not JSON. */
    public static JsonNode read(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            return MAPPER.missingNode();
        }
    }

    /** The text as a JSON tree, or a missing node when it is not JSON. */
    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            return MAPPER.missingNode();
        }
    }

    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** Compact JSON text of a node. */
    public static String compact(JsonNode node) {
        return new String(MAPPER.writeValueAsBytes(node), StandardCharsets.UTF_8);
    }

    /** The node's text when it is a JSON string, else the fallback. */
    public static String string(JsonNode node, String fallback) {
        return node != null && node.isString() ? node.asString() : fallback;
    }
}
