package io.conduit.provider.dialects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON trees for the dialects: reading client bodies and chat answers, writing client bodies. */
final class Jsons {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Jsons() {}

    /** The client's body as a JSON object, or a {@link DialectException}. */
    static ObjectNode clientObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new DialectException(null, "The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new DialectException(null, "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** A JSON body the gateway produced (a chat answer or chunk); null when it is not JSON. */
    static JsonNode readOrNull(byte[] bytes, int from, int length) {
        try {
            return MAPPER.readTree(bytes, from, length);
        } catch (JacksonException e) {
            return null;
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    static String string(JsonNode node) {
        return node.toString();
    }

    /** The node's text when it is a JSON string, else null. */
    static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    static long longOr(JsonNode node, long otherwise) {
        return node != null && node.isNumber() ? node.asLong() : otherwise;
    }

    /** Whether the member is absent or JSON null: "not given" for an optional parameter. */
    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }
}
