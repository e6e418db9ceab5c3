package io.conduit.provider.dialects;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code system} and {@code messages} of an Anthropic Messages request as chat messages:
 * content blocks become content parts, {@code tool_use} blocks tool calls, {@code tool_result}
 * blocks tool messages. Thinking blocks are dropped (their signatures only mean something to
 * Anthropic); {@code cache_control} is ignored.
 */
final class AnthropicMessagesMapper {

    private final ToolNames toolNames;

    AnthropicMessagesMapper(ToolNames toolNames) {
        this.toolNames = toolNames;
    }

    ArrayNode messages(ObjectNode in) {
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

    static String required(JsonNode node, String field, String at) {
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
