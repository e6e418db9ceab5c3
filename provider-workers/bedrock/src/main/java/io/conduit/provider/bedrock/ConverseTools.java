package io.conduit.provider.bedrock;

import static io.conduit.provider.bedrock.BedrockJson.JSON;
import static io.conduit.provider.bedrock.BedrockJson.badRequest;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools}, {@code tool_choice} and {@code response_format} to Converse
 * {@code toolConfig} and {@code outputConfig}.
 *
 * <p>A JSON schema answer is asked for natively ({@code outputConfig.textFormat}) where the model
 * supports Bedrock's structured outputs; otherwise through a tool named {@value #JSON_TOOL} whose
 * input schema is the client's schema and which the model is made to call: the response mappers
 * turn that call back into the message text.
 */
final class ConverseTools {

    /** The tool standing in for {@code response_format: json_schema} on models without structured outputs. */
    static final String JSON_TOOL = "json_response";

    /** How to ask for a JSON schema answer. */
    enum JsonSchemaMode { NATIVE, TOOL }

    private ConverseTools() {}

    /**
     * Sets {@code toolConfig} and {@code outputConfig} on the Converse request.
     *
     * @param thinking whether extended thinking is on (Claude then refuses forced tool choices)
     */
    static void apply(ObjectNode converse, JsonNode tools, JsonNode toolChoice, JsonNode responseFormat,
            ConverseMessages.Mapped history, JsonSchemaMode jsonSchemaMode, boolean thinking) {
        ArrayNode specs = JSON.createArrayNode();
        Set<String> declared = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode tool : tools) {
            String at = "tools[" + i++ + "]";
            if (!"function".equals(tool.path("type").asString("function"))) {
                throw badRequest("Bedrock takes function tools only.", at + ".type");
            }
            JsonNode function = tool.path("function");
            if (JSON_TOOL.equals(function.path("name").asString(""))) {
                throw badRequest("The tool name " + JSON_TOOL + " is reserved on Bedrock providers (it carries"
                        + " json_schema answers); rename the tool.", at + ".function.name");
            }
            specs.add(spec(function.path("name").asString(""), function.path("description").asString(""),
                    function.path("parameters")));
            declared.add(function.path("name").asString(""));
        }
        boolean none = "none".equals(toolChoice.asString(""));
        ObjectNode choice = none || specs.isEmpty() ? null : choice(toolChoice);
        if (none && !history.hasToolBlocks()) {
            specs.removeAll();
        }
        // Converse refuses toolUse/toolResult blocks without a toolConfig: declare tools used before.
        if (history.hasToolBlocks()) {
            for (String name : history.toolNames()) {
                if (declared.add(name)) {
                    specs.add(spec(name, "A tool used earlier in this conversation.", JSON.createObjectNode()));
                }
            }
        }
        JsonNode schema = responseFormat.path("json_schema");
        if ("json_schema".equals(responseFormat.path("type").asString(""))) {
            if (jsonSchemaMode == JsonSchemaMode.NATIVE) {
                converse.set("outputConfig", outputConfig(schema));
            } else {
                String description = "Give your final answer by calling this tool; its input is the answer"
                        + (schema.path("description").isString() ? ": " + schema.path("description").asString() : ".");
                boolean clientTools = !specs.isEmpty();
                specs.add(spec(JSON_TOOL, description, schema.path("schema")));
                choice = JSON.createObjectNode();
                if (thinking) {
                    choice.putObject("auto");
                } else if (clientTools) {
                    choice.putObject("any");
                } else {
                    choice.putObject("tool").put("name", JSON_TOOL);
                }
            }
        }
        if (specs.isEmpty()) {
            return;
        }
        ObjectNode toolConfig = converse.putObject("toolConfig");
        toolConfig.set("tools", specs);
        if (choice != null) {
            toolConfig.set("toolChoice", choice);
        }
    }

    private static ObjectNode spec(String name, String description, JsonNode parameters) {
        ObjectNode tool = JSON.createObjectNode();
        ObjectNode spec = tool.putObject("toolSpec");
        spec.put("name", name);
        if (!description.isBlank()) {
            spec.put("description", description);
        }
        JsonNode schema = parameters.isObject() ? parameters : JSON.createObjectNode().put("type", "object")
                .set("properties", JSON.createObjectNode());
        spec.putObject("inputSchema").set("json", schema);
        return tool;
    }

    /** auto → {auto:{}}, required → {any:{}}, a named function → {tool:{name}}; absent means auto. */
    private static ObjectNode choice(JsonNode toolChoice) {
        ObjectNode choice = JSON.createObjectNode();
        if (toolChoice.isObject()) {
            String name = toolChoice.path("function").path("name").asString("");
            if (name.isEmpty()) {
                throw badRequest("tool_choice must name a function.", "tool_choice");
            }
            choice.putObject("tool").put("name", name);
            return choice;
        }
        switch (toolChoice.asString("auto")) {
            case "required" -> choice.putObject("any");
            case "auto" -> choice.putObject("auto");
            default -> throw badRequest("tool_choice must be none, auto, required or a function.", "tool_choice");
        }
        return choice;
    }

    /** {@code {textFormat:{type:"json_schema",structure:{jsonSchema:{schema:"<JSON text>",name,description}}}}}. */
    private static ObjectNode outputConfig(JsonNode jsonSchema) {
        ObjectNode outputConfig = JSON.createObjectNode();
        ObjectNode textFormat = outputConfig.putObject("textFormat");
        textFormat.put("type", "json_schema");
        ObjectNode definition = textFormat.putObject("structure").putObject("jsonSchema");
        definition.put("schema", BedrockJson.text(jsonSchema.path("schema")));
        if (jsonSchema.path("name").isString()) {
            definition.put("name", jsonSchema.path("name").asString());
        }
        if (jsonSchema.path("description").isString()) {
            definition.put("description", jsonSchema.path("description").asString());
        }
        return outputConfig;
    }
}
