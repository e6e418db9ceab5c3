package io.conduit.provider.anthropic;

import io.conduit.provider.anthropic.internal.JsonOutputTool;
import io.conduit.provider.anthropic.internal.Jsons;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools}, {@code tool_choice}, {@code parallel_tool_calls} and
 * {@code response_format} in Anthropic's terms. Function tools become
 * {@code {name, description, input_schema}} ({@code strict} kept where the model has structured
 * outputs); {@code tool_choice} {@code auto}/{@code none}/{@code required}/named function becomes
 * {@code auto}/{@code none}/{@code any}/{@code tool}; {@code parallel_tool_calls: false} becomes
 * {@code disable_parallel_tool_use}. A {@code json_schema} response format becomes
 * {@code output_config.format} on models with native structured output; on other models, and for
 * {@code json_object}, the gateway adds {@link JsonOutputTool} and makes the model call it.
 */
final class ToolsMapper {

    private static final String OBJECT_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

    private ToolsMapper() {}

    /**
     * Adds {@code tools}, {@code tool_choice} and {@code output_config.format} to the request.
     *
     * @return whether the request forces tool use ({@code tool_choice} {@code any} or {@code tool}),
     *     which Anthropic does not allow together with extended thinking
     */
    static boolean apply(JsonNode openAi, ObjectNode out, ClaudeModel model) {
        ArrayNode tools = Jsons.array();
        for (JsonNode tool : openAi.path("tools")) {
            ObjectNode mapped = functionTool(tool, model);
            if (mapped != null) {
                tools.add(mapped);
            }
        }
        boolean clientTools = !tools.isEmpty();
        ObjectNode choice = clientTools ? toolChoice(openAi.path("tool_choice")) : null;
        JsonNode format = openAi.path("response_format");
        JsonNode schema = switch (format.path("type").asString("")) {
            case "json_schema" -> format.path("json_schema").path("schema").isObject()
                    ? format.path("json_schema").path("schema") : Jsons.read(OBJECT_SCHEMA);
            case "json_object" -> Jsons.read("{\"type\":\"object\"}");
            default -> null;
        };
        if (schema != null && model.nativeStructuredOutput() && "json_schema".equals(format.path("type").asString())) {
            ObjectNode outputFormat = outputConfig(out).putObject("format");
            outputFormat.put("type", "json_schema");
            outputFormat.set("schema", schema);
        } else if (schema != null) {
            tools.add(jsonOutputTool(schema));
            choice = Jsons.object();
            if (clientTools) {
                // the model may still call the client's tools, but must call one of them
                choice.put("type", "any");
            } else {
                choice.put("type", "tool");
                choice.put("name", JsonOutputTool.NAME);
            }
        }
        if (openAi.path("parallel_tool_calls").isBoolean() && !openAi.path("parallel_tool_calls").asBoolean()
                && !tools.isEmpty() && (choice == null || !"none".equals(choice.path("type").asString()))) {
            if (choice == null) {
                choice = Jsons.object();
                choice.put("type", "auto");
            }
            choice.put("disable_parallel_tool_use", true);
        }
        if (!tools.isEmpty()) {
            out.set("tools", tools);
            if (choice != null) {
                out.set("tool_choice", choice);
            }
        }
        String forced = choice == null ? "" : choice.path("type").asString("");
        return forced.equals("any") || forced.equals("tool");
    }

    /** The request's {@code output_config} object, created when absent. */
    static ObjectNode outputConfig(ObjectNode out) {
        JsonNode existing = out.get("output_config");
        return existing instanceof ObjectNode object ? object : out.putObject("output_config");
    }

    private static ObjectNode functionTool(JsonNode tool, ClaudeModel model) {
        JsonNode function = tool.path("function");
        if (!"function".equals(tool.path("type").asString("")) || !function.path("name").isString()) {
            return null; // custom and built-in OpenAI tool types have no Anthropic form
        }
        ObjectNode out = Jsons.object();
        out.put("name", function.path("name").asString());
        if (function.path("description").isString()) {
            out.put("description", function.path("description").asString());
        }
        out.set("input_schema", function.path("parameters").isObject()
                ? function.path("parameters") : Jsons.read(OBJECT_SCHEMA));
        if (model.nativeStructuredOutput() && function.path("strict").asBoolean(false)) {
            out.put("strict", true);
        }
        return out;
    }

    private static ObjectNode toolChoice(JsonNode choice) {
        ObjectNode out = Jsons.object();
        if (choice.isString()) {
            switch (choice.asString()) {
                case "none" -> out.put("type", "none");
                case "required" -> out.put("type", "any");
                case "auto" -> out.put("type", "auto");
                default -> {
                    return null;
                }
            }
            return out;
        }
        if ("function".equals(choice.path("type").asString("")) && choice.path("function").path("name").isString()) {
            out.put("type", "tool");
            out.put("name", choice.path("function").path("name").asString());
            return out;
        }
        if ("allowed_tools".equals(choice.path("type").asString(""))) {
            // the subset cannot be expressed; its mode can
            out.put("type", "required".equals(choice.path("allowed_tools").path("mode").asString("")) ? "any" : "auto");
            return out;
        }
        return null;
    }

    private static ObjectNode jsonOutputTool(JsonNode schema) {
        ObjectNode tool = Jsons.object();
        tool.put("name", JsonOutputTool.NAME);
        tool.put("description", JsonOutputTool.DESCRIPTION);
        tool.set("input_schema", schema);
        return tool;
    }
}
