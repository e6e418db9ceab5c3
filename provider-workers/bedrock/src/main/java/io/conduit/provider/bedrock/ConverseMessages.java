package io.conduit.provider.bedrock;

import static io.conduit.provider.bedrock.BedrockJson.JSON;
import static io.conduit.provider.bedrock.BedrockJson.badRequest;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code messages} to Converse {@code system} and {@code messages}. System and developer
 * messages become system blocks; tool messages become {@code toolResult} blocks of a user message;
 * assistant tool calls become {@code toolUse} blocks; consecutive messages of one role are merged,
 * as Converse wants user and assistant turns to alternate. Images must be {@code data:} URLs, since
 * Converse takes image bytes (or S3 locations), never web URLs.
 */
final class ConverseMessages {

    /**
     * @param system the system blocks ({@code [{text}]}), empty for none
     * @param messages the conversation
     * @param toolNames names of tools called earlier in the conversation
     */
    record Mapped(ArrayNode system, ArrayNode messages, Set<String> toolNames, boolean hasToolBlocks) {}

    private final ArrayNode system = JSON.createArrayNode();
    private final ArrayNode messages = JSON.createArrayNode();
    private final Set<String> toolNames = new LinkedHashSet<>();
    private boolean hasToolBlocks;

    private ConverseMessages() {}

    static Mapped map(JsonNode openAiMessages) {
        if (!openAiMessages.isArray()) {
            throw badRequest("messages must be an array.", "messages");
        }
        ConverseMessages mapper = new ConverseMessages();
        int i = 0;
        for (JsonNode message : openAiMessages) {
            mapper.add(message, "messages[" + i++ + "]");
        }
        return new Mapped(mapper.system, mapper.messages, mapper.toolNames, mapper.hasToolBlocks);
    }

    private void add(JsonNode message, String at) {
        String role = message.path("role").asString("");
        switch (role) {
            case "system", "developer" -> texts(message.path("content"), at).forEach(block -> system.add(block));
            case "user" -> append("user", userContent(message.path("content"), at));
            case "assistant" -> append("assistant", assistantContent(message, at));
            case "tool" -> append("user", toolResult(message, at));
            default -> throw badRequest("Bedrock does not take messages of role '" + role + "'.", at + ".role");
        }
    }

    /** Adds blocks to the last message when it has the same role, else starts a new message. */
    private void append(String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asString())) {
            ((ArrayNode) last.path("content")).addAll(blocks);
            return;
        }
        ObjectNode message = messages.addObject();
        message.put("role", role);
        message.set("content", blocks);
    }

    /** Text content (a string or text parts) as {@code [{text}]}, blank text left out (Converse refuses it). */
    private static ArrayNode texts(JsonNode content, String at) {
        ArrayNode blocks = JSON.createArrayNode();
        if (content.isString()) {
            addText(blocks, content.asString());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asString("");
                if (type.equals("text") || type.equals("refusal")) {
                    addText(blocks, part.path(type).asString(""));
                } else {
                    throw badRequest("Only text parts are allowed here, not '" + type + "'.", at + ".content");
                }
            }
        } else if (!content.isNull() && !content.isMissingNode()) {
            throw badRequest("content must be a string or an array of parts.", at + ".content");
        }
        return blocks;
    }

    private static void addText(ArrayNode blocks, String text) {
        if (!text.isBlank()) {
            blocks.addObject().put("text", text);
        }
    }

    private static ArrayNode userContent(JsonNode content, String at) {
        if (!content.isArray()) {
            return texts(content, at);
        }
        ArrayNode blocks = JSON.createArrayNode();
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            switch (type) {
                case "text" -> addText(blocks, part.path("text").asString(""));
                case "image_url" -> blocks.add(image(part.path("image_url").path("url").asString(""), at));
                default -> throw badRequest("Bedrock Converse does not take content parts of type '" + type
                        + "' through this gateway.", at + ".content");
            }
        }
        return blocks;
    }

    /** {@code data:image/png;base64,...} as {@code {image:{format,source:{bytes}}}}; the base64 text is kept as is. */
    static ObjectNode image(String url, String at) {
        if (!url.startsWith("data:")) {
            throw badRequest("Bedrock Converse takes images as data: URLs (base64) only, not web URLs;"
                    + " download the image and send it as data:image/...;base64,...", at + ".content");
        }
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring(5, comma).toLowerCase(Locale.ROOT);
        if (!meta.endsWith(";base64")) {
            throw badRequest("An image data: URL must be base64-encoded.", at + ".content");
        }
        String format = switch (meta.substring(0, meta.length() - 7)) {
            case "image/png" -> "png";
            case "image/jpeg", "image/jpg" -> "jpeg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> throw badRequest("Bedrock takes png, jpeg, gif and webp images only.", at + ".content");
        };
        ObjectNode block = JSON.createObjectNode();
        ObjectNode image = block.putObject("image");
        image.put("format", format);
        image.putObject("source").put("bytes", url.substring(comma + 1));
        return block;
    }

    private ArrayNode assistantContent(JsonNode message, String at) {
        ArrayNode blocks = texts(message.path("content"), at);
        int i = 0;
        for (JsonNode call : message.path("tool_calls")) {
            String name = call.path("function").path("name").asString("");
            ObjectNode toolUse = blocks.addObject().putObject("toolUse");
            toolUse.put("toolUseId", call.path("id").asString(""));
            toolUse.put("name", name);
            toolUse.set("input", arguments(call.path("function").path("arguments"), at + ".tool_calls[" + i++ + "]"));
            toolNames.add(name);
            hasToolBlocks = true;
        }
        return blocks;
    }

    /** Tool-call arguments (JSON text) as the JSON document Converse wants; blank means no arguments. */
    private static JsonNode arguments(JsonNode arguments, String at) {
        String text = arguments.asString("");
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw badRequest("Tool call arguments must be JSON for Bedrock.", at + ".function.arguments");
        }
    }

    /**
     * A tool message as a {@code toolResult}: a JSON object result as {@code {json}}, anything else
     * as {@code {text}}. No {@code status} is sent: OpenAI has none, and only Claude accepts it.
     */
    private ArrayNode toolResult(JsonNode message, String at) {
        ArrayNode content = JSON.createArrayNode();
        JsonNode raw = message.path("content");
        if (raw.isString()) {
            JsonNode json = objectOrNull(raw.asString());
            if (json != null) {
                content.addObject().set("json", json);
            } else {
                addText(content, raw.asString());
            }
        } else {
            content.addAll(texts(raw, at));
        }
        ArrayNode blocks = JSON.createArrayNode();
        ObjectNode result = blocks.addObject().putObject("toolResult");
        result.put("toolUseId", message.path("tool_call_id").asString(""));
        result.set("content", content);
        hasToolBlocks = true;
        return blocks;
    }

    private static JsonNode objectOrNull(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(t);
            return node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
