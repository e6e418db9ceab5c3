package io.conduit.provider.dialects;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Anthropic Messages request ({@code POST /v1/messages}) as a chat-completions request.
 * Reference: https://docs.anthropic.com/en/api/messages. Dropped on purpose: {@code top_k} (chat
 * completions has no such parameter), {@code service_tier}, {@code cache_control}.
 */
final class AnthropicRequestMapper {

    private final ToolNames toolNames = new ToolNames();

    static ChatRequest map(byte[] body, String responseId, long createdAt) {
        return new AnthropicRequestMapper().translate(Jsons.clientObject(body), responseId, createdAt);
    }

    private ChatRequest translate(ObjectNode in, String responseId, long createdAt) {
        String model = Jsons.text(in.get("model"));
        if (model == null || model.isBlank()) {
            throw new DialectException("model", "Field required");
        }
        JsonNode maxTokens = in.get("max_tokens");
        if (Jsons.absent(maxTokens)) {
            throw new DialectException("max_tokens", "Field required");
        }
        if (!maxTokens.isIntegralNumber() || maxTokens.asLong() < 1) {
            throw new DialectException("max_tokens", "Must be a positive integer");
        }
        boolean stream = bool(in, "stream");
        ObjectNode out = Jsons.object();
        out.put("model", model);
        out.set("messages", new AnthropicMessagesMapper(toolNames).messages(in));
        out.put("max_completion_tokens", maxTokens.asLong());
        number(in, out, "temperature", "temperature");
        number(in, out, "top_p", "top_p");
        stopSequences(in, out);
        String user = Jsons.text(in.path("metadata").get("user_id"));
        if (user != null) {
            out.put("user", user);
        }
        tools(in, out);
        reasoning(in, out);
        outputFormat(in, out);
        if (stream) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return new ChatRequest(Jsons.bytes(out), model, stream, responseId, createdAt, toolNames.chatToClient(),
                Jsons.object());
    }

    private void tools(ObjectNode in, ObjectNode out) {
        JsonNode tools = in.get("tools");
        if (!Jsons.absent(in.get("mcp_servers")) && !in.get("mcp_servers").isEmpty()) {
            throw new DialectException("mcp_servers", "MCP servers run by Anthropic are not supported by this gateway");
        }
        if (Jsons.absent(tools) || tools.isEmpty()) {
            toolChoice(in, out, false);
            return;
        }
        if (!tools.isArray()) {
            throw new DialectException("tools", "Must be a list of tools");
        }
        ArrayNode functions = out.putArray("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String at = "tools." + i;
            String type = Jsons.text(tool.get("type"));
            if (type != null && !type.equals("custom")) {
                throw new DialectException(at + ".type", "Server tool '" + type
                        + "' is not supported by this gateway; only client tools (name, description, input_schema) are");
            }
            JsonNode schema = tool.get("input_schema");
            if (schema == null || !schema.isObject()) {
                throw new DialectException(at + ".input_schema", "Field required");
            }
            ObjectNode function = functions.addObject().put("type", "function").putObject("function");
            function.put("name", toolNames.toChat(AnthropicMessagesMapper.required(tool, "name", at)));
            String description = Jsons.text(tool.get("description"));
            if (description != null) {
                function.put("description", description);
            }
            function.set("parameters", schema);
            if (tool.path("strict").isBoolean()) {
                function.put("strict", tool.get("strict").booleanValue());
            }
        }
        toolChoice(in, out, true);
    }

    private void toolChoice(ObjectNode in, ObjectNode out, boolean haveTools) {
        JsonNode choice = in.get("tool_choice");
        if (Jsons.absent(choice)) {
            return;
        }
        String type = Jsons.text(choice.get("type"));
        switch (String.valueOf(type)) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function").putObject("function")
                    .put("name", toolNames.toChat(AnthropicMessagesMapper.required(choice, "name", "tool_choice")));
            default -> throw new DialectException("tool_choice.type", "Must be one of 'auto', 'any', 'tool', 'none'");
        }
        if (!haveTools) {
            out.remove("tool_choice");
        } else if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static final Map<String, String> EFFORTS = Map.of("low", "low", "medium", "medium", "high", "high",
            "max", "high", "xhigh", "high");

    /**
     * {@code output_config.effort} maps directly; otherwise an enabled {@code thinking} budget maps
     * to an effort by size (under 4,096 tokens low, under 16,384 medium, else high).
     */
    private static void reasoning(ObjectNode in, ObjectNode out) {
        String effort = Jsons.text(in.path("output_config").get("effort"));
        if (effort != null) {
            String mapped = EFFORTS.get(effort);
            if (mapped == null) {
                throw new DialectException("output_config.effort", "Must be one of 'low', 'medium', 'high', 'max'");
            }
            out.put("reasoning_effort", mapped);
            return;
        }
        JsonNode thinking = in.get("thinking");
        if (!Jsons.absent(thinking) && "enabled".equals(Jsons.text(thinking.get("type")))) {
            long budget = Jsons.longOr(thinking.get("budget_tokens"), 0);
            out.put("reasoning_effort", budget < 4096 ? "low" : budget < 16384 ? "medium" : "high");
        }
    }

    private static void outputFormat(ObjectNode in, ObjectNode out) {
        JsonNode format = in.path("output_config").get("format");
        if (Jsons.absent(format)) {
            return;
        }
        JsonNode schema = format.get("schema");
        if (!"json_schema".equals(Jsons.text(format.get("type"))) || schema == null || !schema.isObject()) {
            throw new DialectException("output_config.format", "Must be {\"type\":\"json_schema\",\"schema\":{...}}");
        }
        ObjectNode jsonSchema = out.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        jsonSchema.put("name", "output").set("schema", schema);
        jsonSchema.put("strict", true);
    }

    private static void stopSequences(ObjectNode in, ObjectNode out) {
        JsonNode stops = in.get("stop_sequences");
        if (Jsons.absent(stops) || stops.isEmpty()) {
            return;
        }
        if (!stops.isArray()) {
            throw new DialectException("stop_sequences", "Must be a list of strings");
        }
        for (JsonNode stop : stops) {
            if (!stop.isString()) {
                throw new DialectException("stop_sequences", "Must be a list of strings");
            }
        }
        out.set("stop", stops);
    }

    private static void number(ObjectNode in, ObjectNode out, String from, String to) {
        JsonNode value = in.get(from);
        if (Jsons.absent(value)) {
            return;
        }
        if (!value.isNumber()) {
            throw new DialectException(from, "Must be a number");
        }
        out.set(to, value);
    }

    private static boolean bool(ObjectNode in, String field) {
        JsonNode value = in.get(field);
        if (Jsons.absent(value)) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new DialectException(field, "Must be a boolean");
        }
        return value.booleanValue();
    }
}
