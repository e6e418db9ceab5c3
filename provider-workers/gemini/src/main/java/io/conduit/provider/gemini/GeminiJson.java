package io.conduit.provider.gemini;

import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The tree mapper the Gemini mappers share, and small readers that never throw on a wrong type. */
final class GeminiJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private GeminiJson() {}

    /** The client's request as a tree (each top-level member parsed from its place in the scanned bytes). */
    static ObjectNode tree(JsonObjectScan scan) {
        ObjectNode root = MAPPER.createObjectNode();
        byte[] bytes = scan.bytes();
        for (JsonMember member : scan.members()) {
            root.set(member.name(), MAPPER.readTree(bytes, member.start(), member.end() - member.start()));
        }
        return root;
    }

    /** The node's text when it is a JSON string, else null. */
    static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** Parses JSON text, or returns null when it is not JSON. */
    static JsonNode parseOrNull(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Parses JSON bytes, or returns null when they are not JSON. */
    static JsonNode parseOrNull(byte[] json, int offset, int length) {
        try {
            return MAPPER.readTree(json, offset, length);
        } catch (JacksonException e) {
            return null;
        }
    }

    static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
