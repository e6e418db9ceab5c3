package io.conduit.provider.gemini;

import static io.conduit.provider.gemini.GeminiJson.MAPPER;
import static io.conduit.provider.gemini.GeminiJson.text;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI function tools as one Gemini tool of {@code functionDeclarations}, the parameters passed
 * as {@code parametersJsonSchema} (JSON Schema as the client wrote it, which Gemini accepts as such,
 * rather than its OpenAPI-subset {@code parameters}); and {@code tool_choice} as
 * {@code toolConfig.functionCallingConfig}: {@code auto} AUTO, {@code none} NONE, {@code required}
 * ANY, a named function ANY restricted to it (https://ai.google.dev/gemini-api/docs/function-calling).
 */
final class ToolsMapper {

    private ToolsMapper() {}

    static void map(JsonNode request, ObjectNode out) {
        ArrayNode declarations = MAPPER.createArrayNode();
        for (JsonNode tool : request.path("tools")) {
            String type = text(tool.path("type"));
            if (type == null || type.equals("function")) {
                addDeclaration(tool.path("function"), declarations);
            }
        }
        for (JsonNode function : request.path("functions")) {
            addDeclaration(function, declarations); // the legacy form of tools
        }
        if (declarations.isEmpty()) {
            return;
        }
        out.putArray("tools").addObject().set("functionDeclarations", declarations);
        ObjectNode config = callingConfig(request.path("tool_choice").isMissingNode()
                ? request.path("function_call") : request.path("tool_choice"));
        if (config != null) {
            out.putObject("toolConfig").set("functionCallingConfig", config);
        }
    }

    private static void addDeclaration(JsonNode function, ArrayNode into) {
        String name = text(function.path("name"));
        if (name == null) {
            return;
        }
        ObjectNode declaration = into.addObject();
        declaration.put("name", name);
        String description = text(function.path("description"));
        if (description != null) {
            declaration.put("description", description);
        }
        JsonNode parameters = function.path("parameters");
        if (parameters.isObject()) {
            declaration.set("parametersJsonSchema", withoutMetaSchema(parameters));
        }
    }

    /** The schema without {@code $schema}, which names a dialect rather than constraining anything. */
    static JsonNode withoutMetaSchema(JsonNode schema) {
        if (!schema.has("$schema")) {
            return schema;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        copy.remove("$schema");
        return copy;
    }

    private static ObjectNode callingConfig(JsonNode choice) {
        String mode = text(choice);
        ObjectNode config = MAPPER.createObjectNode();
        if (mode != null) {
            switch (mode) {
                case "auto" -> config.put("mode", "AUTO");
                case "none" -> config.put("mode", "NONE");
                case "required" -> config.put("mode", "ANY");
                default -> {
                    return null;
                }
            }
            return config;
        }
        String name = text(choice.path("function").path("name"));
        if (name == null) {
            name = text(choice.path("name")); // legacy function_call: {"name": ...}
        }
        if (name == null) {
            return null;
        }
        config.put("mode", "ANY");
        config.putArray("allowedFunctionNames").add(name);
        return config;
    }
}
