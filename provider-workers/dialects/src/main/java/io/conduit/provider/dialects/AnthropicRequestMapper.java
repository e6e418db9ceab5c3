package io.conduit.provider.dialects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Anthropic Messages request ({@code POST /v1/messages}) as a chat-completions request.
 * Reference: https://docs.anthropic.com/en/api/messages. Dropped on purpose: {@code top_k} (chat
 * completions has no such parameter), thinking blocks in history (their signatures only mean
 * something to Anthropic), {@code cache_control}, {@code service_tier}.
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
        out.set("messages", messages(in));
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

    private ArrayNode messages(ObjectNode in) {
        ArrayNode out = Jsons.array();
        system(in.get("system"), out);
        JsonNode messages = in.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new DialectException("messages", "Field required");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String where = "messages." + i;
            String role = Jsons.text(message.get("role"));
            JsonNode content = message.get("content");
            if (content == null || !(content.isString() || content.isArray())) {
                throw new DialectException(where + ".content", "Must be a string or a list of content blocks");
            }
            if ("user".equals(role)) {
                user(content, where, out);
            } else if ("assistant".equals(role)) {
                assistant(content, where, out);
            } else {
                throw new DialectException(where + ".role", "Must be 'user' or 'assistant'");
            }
        }
        return out;
    }

    private static void system(JsonNode system, ArrayNode out) {
        if (Jsons.absent(system)) {
            return;
        }
        String text;
        if (system.isString()) {
            text = system.stringValue();
        } else if (system.isArray()) {
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < system.size(); i++) {
                pieces.add(textBlock(system.get(i), "system." + i));
            }
            text = String.join("\n", pieces);
        } else {
            throw new DialectException("system", "Must be a string or a list of text blocks");
        }
        out.addObject().put("role", "system").put("content", text);
    }

    /** Tool results become tool messages, before the rest of the user's turn (chat requires them first). */
    private void user(JsonNode content, String where, ArrayNode out) {
        if (content.isString()) {
            out.addObject().put("role", "user").put("content", content.stringValue());
            return;
        }
        ArrayNode parts = Jsons.array();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String at = where + ".content." + i;
            switch (blockType(block, at)) {
                case "text" -> parts.addObject().put("type", "text").put("text", textBlock(block, at));
                case "image" -> parts.add(image(block, at));
                case "document" -> parts.add(document(block, at));
                case "tool_result" -> toolResult(block, at, out, parts);
                case "thinking", "redacted_thinking" -> { }
                default -> throw unsupportedBlock(block, at, "user");
            }
        }
        if (!parts.isEmpty() || content.isEmpty()) {
            ObjectNode message = out.addObject().put("role", "user");
            if (parts.isEmpty()) {
                message.put("content", "");
            } else if (parts.size() == 1 && "text".equals(Jsons.text(parts.get(0).get("type")))) {
                message.put("content", parts.get(0).get("text").stringValue());
            } else {
                message.set("content", parts);
            }
        }
    }

    private void assistant(JsonNode content, String where, ArrayNode out) {
        ObjectNode message = out.addObject().put("role", "assistant");
        if (content.isString()) {
            message.put("content", content.stringValue());
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Jsons.array();
        for (int i = 0; i < content.size(); i++) {
            JsonNode block = content.get(i);
            String at = where + ".content." + i;
            switch (blockType(block, at)) {
                case "text" -> text.append(textBlock(block, at));
                case "tool_use" -> calls.add(toolUse(block, at));
                case "thinking", "redacted_thinking" -> { }
                default -> throw unsupportedBlock(block, at, "assistant");
            }
        }
        if (calls.isEmpty()) {
            message.put("content", text.toString());
        } else {
            if (text.isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", text.toString());
            }
            message.set("tool_calls", calls);
        }
    }

    private ObjectNode toolUse(JsonNode block, String at) {
        String id = required(block, "id", at);
        String name = required(block, "name", at);
        JsonNode input = block.get("input");
        if (input == null || !input.isObject()) {
            throw new DialectException(at + ".input", "Must be an object");
        }
        ObjectNode call = Jsons.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", toolNames.toChat(name)).put("arguments", Jsons.string(input));
        return call;
    }

    /** Images of a tool result go to the user message that follows: chat tool messages carry text only. */
    private static void toolResult(JsonNode block, String at, ArrayNode out, ArrayNode userParts) {
        String id = required(block, "tool_use_id", at);
        JsonNode content = block.get("content");
        StringBuilder text = new StringBuilder();
        if (content != null && content.isString()) {
            text.append(content.stringValue());
        } else if (content != null && content.isArray()) {
            for (int i = 0; i < content.size(); i++) {
                JsonNode part = content.get(i);
                String partAt = at + ".content." + i;
                switch (blockType(part, partAt)) {
                    case "text" -> text.append(text.isEmpty() ? "" : "\n").append(textBlock(part, partAt));
                    case "image" -> userParts.add(image(part, partAt));
                    case "document" -> userParts.add(document(part, partAt));
                    default -> throw unsupportedBlock(part, partAt, "tool_result");
                }
            }
        } else if (!Jsons.absent(content)) {
            throw new DialectException(at + ".content", "Must be a string or a list of content blocks");
        }
        boolean isError = block.path("is_error").asBoolean(false);
        out.addObject().put("role", "tool").put("tool_call_id", id)
                .put("content", isError ? "Error: " + text : text.toString());
    }

    private static ObjectNode image(JsonNode block, String at) {
        JsonNode source = block.path("source");
        String url = switch (String.valueOf(Jsons.text(source.get("type")))) {
            case "base64" -> "data:" + required(source, "media_type", at + ".source") + ";base64,"
                    + required(source, "data", at + ".source");
            case "url" -> required(source, "url", at + ".source");
            default -> throw new DialectException(at + ".source.type",
                    "Image sources 'base64' and 'url' are supported; 'file' sources need Anthropic's Files API");
        };
        ObjectNode part = Jsons.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    /** PDFs travel as chat file parts; plain-text documents as text. */
    private static ObjectNode document(JsonNode block, String at) {
        JsonNode source = block.path("source");
        String type = String.valueOf(Jsons.text(source.get("type")));
        if (type.equals("text")) {
            return Jsons.object().put("type", "text").put("text", required(source, "data", at + ".source"));
        }
        if (type.equals("base64")) {
            ObjectNode part = Jsons.object().put("type", "file");
            ObjectNode file = part.putObject("file").put("file_data", "data:"
                    + required(source, "media_type", at + ".source") + ";base64," + required(source, "data", at + ".source"));
            String title = Jsons.text(block.get("title"));
            file.put("filename", title == null ? "document.pdf" : title);
            return part;
        }
        throw new DialectException(at + ".source.type", "Document sources 'base64' and 'text' are supported");
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
            function.put("name", toolNames.toChat(required(tool, "name", at)));
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
                    .put("name", toolNames.toChat(required(choice, "name", "tool_choice")));
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

    private static String blockType(JsonNode block, String at) {
        String type = block.isObject() ? Jsons.text(block.get("type")) : null;
        if (type == null) {
            throw new DialectException(at + ".type", "Field required");
        }
        return type;
    }

    private static String textBlock(JsonNode block, String at) {
        if (!"text".equals(Jsons.text(block.path("type")))) {
            throw new DialectException(at + ".type", "Must be 'text'");
        }
        return required(block, "text", at);
    }

    private static String required(JsonNode node, String field, String at) {
        String value = Jsons.text(node.get(field));
        if (value == null) {
            throw new DialectException(at + "." + field, "Field required");
        }
        return value;
    }

    private static DialectException unsupportedBlock(JsonNode block, String at, String where) {
        return new DialectException(at + ".type", "Content block type '" + Jsons.text(block.get("type"))
                + "' is not supported in " + where + " content by this gateway");
    }
}
