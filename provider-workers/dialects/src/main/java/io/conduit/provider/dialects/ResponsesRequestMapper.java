package io.conduit.provider.dialects;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Responses request ({@code POST /v1/responses}) as a chat-completions request, served
 * statelessly. Reference: https://platform.openai.com/docs/api-reference/responses/create and
 * {@code CreateResponse} in the OpenAPI description. Also builds the parameters the response
 * object echoes.
 */
final class ResponsesRequestMapper {

    private ResponsesRequestMapper() {}

    static ChatRequest map(byte[] body, String responseId, long createdAt) {
        ObjectNode in = Jsons.clientObject(body);
        String model = Jsons.text(in.get("model"));
        if (model == null || model.isBlank()) {
            throw new DialectException("model", "Missing required parameter: 'model'.");
        }
        refuseState(in);
        JsonNode input = in.get("input");
        if (input == null || !(input.isString() || input.isArray())) {
            throw new DialectException("input", "Missing required parameter: 'input' (a string or a list of items).");
        }
        JsonNode instructions = in.get("instructions");
        if (!Jsons.absent(instructions) && !instructions.isString()) {
            throw new DialectException("instructions", "Must be a string.");
        }
        boolean stream = in.path("stream").asBoolean(false);
        ObjectNode out = Jsons.object();
        out.put("model", model);
        out.set("messages", ResponsesInputMapper.map(Jsons.text(instructions), input));
        integer(in, "max_output_tokens", out, "max_completion_tokens");
        number(in, "temperature", out);
        number(in, "top_p", out);
        boolean haveTools = tools(in, out);
        if (haveTools && in.path("parallel_tool_calls").isBoolean()) {
            out.put("parallel_tool_calls", in.get("parallel_tool_calls").booleanValue());
        }
        String effort = Jsons.text(in.path("reasoning").get("effort"));
        if (effort != null) {
            out.put("reasoning_effort", effort);
        }
        textFormat(in.path("text"), out);
        for (String passed : new String[] {"user", "safety_identifier", "prompt_cache_key"}) {
            String value = Jsons.text(in.get(passed));
            if (value != null) {
                out.put(passed, value);
            }
        }
        if (stream) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return new ChatRequest(Jsons.bytes(out), model, stream, responseId, createdAt, Map.of(), echo(in));
    }

    /** A stateless gateway can neither read nor write stored responses and conversations. */
    private static void refuseState(ObjectNode in) {
        if (!Jsons.absent(in.get("previous_response_id"))) {
            throw new DialectException("previous_response_id", "previous_response_id is not supported: this gateway "
                    + "serves the Responses API statelessly; send the whole conversation in 'input'.");
        }
        if (!Jsons.absent(in.get("conversation"))) {
            throw new DialectException("conversation", "Conversations are not supported: this gateway serves the "
                    + "Responses API statelessly; send the whole conversation in 'input'.");
        }
        if (in.path("background").asBoolean(false)) {
            throw new DialectException("background", "Background responses are not supported by this gateway.");
        }
        if (!Jsons.absent(in.get("prompt"))) {
            throw new DialectException("prompt", "Stored prompt templates are not supported by this gateway.");
        }
    }

    private static boolean tools(ObjectNode in, ObjectNode out) {
        JsonNode tools = in.get("tools");
        if (Jsons.absent(tools) || (tools.isArray() && tools.isEmpty())) {
            return false;
        }
        if (!tools.isArray()) {
            throw new DialectException("tools", "Must be a list of tools.");
        }
        ArrayNode functions = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = Jsons.text(tool.get("type"));
            if (!"function".equals(type)) {
                throw new DialectException("tools[" + i + "].type", "Tool type '" + type + "' is not supported: "
                        + "this gateway runs no built-in tools; only function tools are supported.");
            }
            String name = Jsons.text(tool.get("name"));
            if (name == null) {
                throw new DialectException("tools[" + i + "].name", "Missing required parameter: 'tools[" + i + "].name'.");
            }
            ObjectNode function = functions.addObject().put("type", "function").putObject("function").put("name", name);
            String description = Jsons.text(tool.get("description"));
            if (description != null) {
                function.put("description", description);
            }
            JsonNode parameters = tool.get("parameters");
            if (parameters != null && parameters.isObject()) {
                function.set("parameters", parameters);
            }
            if (tool.path("strict").isBoolean()) {
                function.put("strict", tool.get("strict").booleanValue());
            }
        }
        toolChoice(in.get("tool_choice"), out);
        return true;
    }

    private static void toolChoice(JsonNode choice, ObjectNode out) {
        if (Jsons.absent(choice)) {
            return;
        }
        if (choice.isString() && java.util.Set.of("auto", "none", "required").contains(choice.stringValue())) {
            out.put("tool_choice", choice.stringValue());
        } else if (choice.isObject() && "function".equals(Jsons.text(choice.get("type")))
                && Jsons.text(choice.get("name")) != null) {
            out.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", choice.get("name").stringValue());
        } else {
            throw new DialectException("tool_choice", "Must be 'auto', 'none', 'required' or "
                    + "{\"type\":\"function\",\"name\":…}; other tool choices are not supported by this gateway.");
        }
    }

    private static void textFormat(JsonNode text, ObjectNode out) {
        JsonNode format = text.get("format");
        if (!Jsons.absent(format)) {
            switch (String.valueOf(Jsons.text(format.get("type")))) {
                case "text" -> { }
                case "json_object" -> out.putObject("response_format").put("type", "json_object");
                case "json_schema" -> {
                    JsonNode schema = format.get("schema");
                    String name = Jsons.text(format.get("name"));
                    if (schema == null || !schema.isObject() || name == null) {
                        throw new DialectException("text.format", "A json_schema format needs 'name' and 'schema'.");
                    }
                    ObjectNode jsonSchema = out.putObject("response_format").put("type", "json_schema")
                            .putObject("json_schema").put("name", name);
                    String description = Jsons.text(format.get("description"));
                    if (description != null) {
                        jsonSchema.put("description", description);
                    }
                    jsonSchema.set("schema", schema);
                    if (format.path("strict").isBoolean()) {
                        jsonSchema.put("strict", format.get("strict").booleanValue());
                    }
                }
                default -> throw new DialectException("text.format.type",
                        "Must be one of 'text', 'json_object', 'json_schema'.");
            }
        }
        String verbosity = Jsons.text(text.get("verbosity"));
        if (verbosity != null) {
            out.put("verbosity", verbosity);
        }
    }

    /**
     * The request parameters as the response object repeats them, defaults filled in as the API
     * documents them. {@code store} reads false whatever was asked: nothing is stored.
     */
    private static ObjectNode echo(ObjectNode in) {
        ObjectNode echo = Jsons.object();
        echo.set("instructions", orNull(in.get("instructions")));
        echo.set("max_output_tokens", orNull(in.get("max_output_tokens")));
        echo.set("metadata", in.path("metadata").isObject() ? in.get("metadata") : Jsons.object());
        echo.put("parallel_tool_calls", in.path("parallel_tool_calls").asBoolean(true));
        echo.putNull("previous_response_id");
        ObjectNode reasoning = echo.putObject("reasoning");
        reasoning.set("effort", orNull(in.path("reasoning").get("effort")));
        reasoning.set("summary", orNull(in.path("reasoning").get("summary")));
        echo.put("store", false);
        echo.set("temperature", in.path("temperature").isNumber() ? in.get("temperature") : number(1.0));
        ObjectNode text = echo.putObject("text");
        text.set("format", in.path("text").path("format").isObject() ? in.get("text").get("format")
                : Jsons.object().put("type", "text"));
        if (in.path("text").path("verbosity").isString()) {
            text.set("verbosity", in.get("text").get("verbosity"));
        }
        echo.set("tool_choice", Jsons.absent(in.get("tool_choice")) ? Jsons.MAPPER.getNodeFactory().stringNode("auto")
                : in.get("tool_choice"));
        ArrayNode tools = echo.putArray("tools");
        for (JsonNode tool : in.path("tools")) {
            ObjectNode function = tools.addObject().put("type", "function");
            function.set("name", tool.get("name"));
            function.set("description", orNull(tool.get("description")));
            function.set("parameters", orNull(tool.get("parameters")));
            function.set("strict", orNull(tool.get("strict")));
        }
        echo.set("top_p", in.path("top_p").isNumber() ? in.get("top_p") : number(1.0));
        echo.put("truncation", Jsons.text(in.get("truncation")) == null ? "disabled" : in.get("truncation").stringValue());
        echo.set("user", orNull(in.get("user")));
        return echo;
    }

    private static JsonNode orNull(JsonNode node) {
        return node == null ? Jsons.MAPPER.getNodeFactory().nullNode() : node;
    }

    private static JsonNode number(double value) {
        return Jsons.MAPPER.getNodeFactory().numberNode(value);
    }

    private static void integer(ObjectNode in, String from, ObjectNode out, String to) {
        JsonNode value = in.get(from);
        if (Jsons.absent(value)) {
            return;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1) {
            throw new DialectException(from, "Must be a positive integer.");
        }
        out.put(to, value.asLong());
    }

    private static void number(ObjectNode in, String field, ObjectNode out) {
        JsonNode value = in.get(field);
        if (Jsons.absent(value)) {
            return;
        }
        if (!value.isNumber()) {
            throw new DialectException(field, "Must be a number.");
        }
        out.set(field, value);
    }
}
