package io.conduit.provider.dialects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code input} of a Responses request as chat messages. Messages keep their roles
 * ({@code developer} becomes {@code system}, which every chat provider knows); function calls join
 * the assistant message before them, as chat keeps a turn's calls together; function call
 * outputs become tool messages. Reasoning items are dropped (their encrypted content only means
 * something to OpenAI); references to stored items cannot be resolved by a stateless gateway.
 */
final class ResponsesInputMapper {

    private final ArrayNode out = Jsons.array();
    /** Images returned by function calls: chat tool messages carry text, so they follow as a user message. */
    private final ArrayNode toolImages = Jsons.array();

    static ArrayNode map(String instructions, JsonNode input) {
        ResponsesInputMapper mapper = new ResponsesInputMapper();
        if (instructions != null) {
            mapper.out.addObject().put("role", "system").put("content", instructions);
        }
        if (input.isString()) {
            mapper.out.addObject().put("role", "user").put("content", input.stringValue());
        } else {
            for (int i = 0; i < input.size(); i++) {
                mapper.item(input.get(i), "input[" + i + "]");
            }
            mapper.flushToolImages();
        }
        return mapper.out;
    }

    private void item(JsonNode item, String at) {
        if (!item.isObject()) {
            throw new DialectException(at, "Each input item must be an object.");
        }
        String type = Jsons.text(item.get("type"));
        if (type == null && item.has("role")) {
            type = "message";
        }
        if (!"function_call_output".equals(type)) {
            flushToolImages();
        }
        switch (String.valueOf(type)) {
            case "message" -> message(item, at);
            case "function_call" -> functionCall(item, at);
            case "function_call_output" -> functionCallOutput(item, at);
            case "reasoning" -> { }
            case "item_reference" -> throw new DialectException(at + ".type",
                    "Item references are not supported: this gateway keeps no state; send the items themselves.");
            default -> throw new DialectException(at + ".type",
                    "Input items of type '" + type + "' are not supported by this gateway.");
        }
    }

    private void message(JsonNode item, String at) {
        String role = Jsons.text(item.get("role"));
        JsonNode content = item.get("content");
        if (content == null || !(content.isString() || content.isArray())) {
            throw new DialectException(at + ".content", "Must be a string or a list of content parts.");
        }
        switch (String.valueOf(role)) {
            case "user" -> out.addObject().put("role", "user").set("content", userContent(content, at));
            case "system", "developer" -> out.addObject().put("role", "system").put("content", text(content, at));
            case "assistant" -> out.addObject().put("role", "assistant").put("content", text(content, at));
            default -> throw new DialectException(at + ".role",
                    "Must be one of 'user', 'assistant', 'system', 'developer'.");
        }
    }

    private static JsonNode userContent(JsonNode content, String at) {
        if (content.isString()) {
            return content;
        }
        ArrayNode parts = Jsons.array();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partAt = at + ".content[" + i + "]";
            switch (String.valueOf(Jsons.text(part.get("type")))) {
                case "input_text", "output_text" -> parts.addObject().put("type", "text")
                        .put("text", required(part, "text", partAt));
                case "input_image" -> parts.add(image(part, partAt));
                case "input_file" -> parts.add(file(part, partAt));
                default -> throw unsupportedPart(part, partAt);
            }
        }
        return parts;
    }

    /** Text of system and assistant messages: text parts joined (their chat content is text). */
    private static String text(JsonNode content, String at) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partAt = at + ".content[" + i + "]";
            switch (String.valueOf(Jsons.text(part.get("type")))) {
                case "input_text", "output_text" -> text.append(required(part, "text", partAt));
                case "refusal" -> text.append(required(part, "refusal", partAt));
                default -> throw unsupportedPart(part, partAt);
            }
        }
        return text.toString();
    }

    private void functionCall(JsonNode item, String at) {
        ObjectNode call = Jsons.object().put("id", required(item, "call_id", at)).put("type", "function");
        call.putObject("function").put("name", required(item, "name", at))
                .put("arguments", required(item, "arguments", at));
        ObjectNode assistant = lastAssistant();
        if (assistant == null) {
            assistant = out.addObject().put("role", "assistant").putNull("content");
        } else if ("".equals(Jsons.text(assistant.get("content")))) {
            assistant.putNull("content");
        }
        (assistant.get("tool_calls") instanceof ArrayNode calls ? calls : assistant.putArray("tool_calls")).add(call);
    }

    private ObjectNode lastAssistant() {
        if (out.isEmpty()) {
            return null;
        }
        JsonNode last = out.get(out.size() - 1);
        return "assistant".equals(Jsons.text(last.get("role"))) ? (ObjectNode) last : null;
    }

    private void functionCallOutput(JsonNode item, String at) {
        String callId = required(item, "call_id", at);
        JsonNode output = item.get("output");
        String text;
        if (output != null && output.isString()) {
            text = output.stringValue();
        } else if (output != null && output.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < output.size(); i++) {
                JsonNode part = output.get(i);
                String partAt = at + ".output[" + i + "]";
                switch (String.valueOf(Jsons.text(part.get("type")))) {
                    case "input_text" -> joined.append(joined.isEmpty() ? "" : "\n").append(required(part, "text", partAt));
                    case "input_image" -> toolImages.add(image(part, partAt));
                    case "input_file" -> toolImages.add(file(part, partAt));
                    default -> throw unsupportedPart(part, partAt);
                }
            }
            text = joined.toString();
        } else {
            throw new DialectException(at + ".output", "Must be a string or a list of content parts.");
        }
        out.addObject().put("role", "tool").put("tool_call_id", callId).put("content", text);
    }

    private void flushToolImages() {
        if (!toolImages.isEmpty()) {
            out.addObject().put("role", "user").set("content", toolImages.deepCopy());
            toolImages.removeAll();
        }
    }

    private static ObjectNode image(JsonNode part, String at) {
        String url = Jsons.text(part.get("image_url"));
        if (url == null) {
            throw new DialectException(at + (part.has("file_id") ? ".file_id" : ".image_url"),
                    "Images by file_id are not supported by this gateway; send image_url (a URL or a data URL).");
        }
        ObjectNode image = Jsons.object().put("type", "image_url");
        ObjectNode imageUrl = image.putObject("image_url").put("url", url);
        String detail = Jsons.text(part.get("detail"));
        if (detail != null) {
            imageUrl.put("detail", detail);
        }
        return image;
    }

    private static ObjectNode file(JsonNode part, String at) {
        String data = Jsons.text(part.get("file_data"));
        if (data == null) {
            throw new DialectException(at + ".file_data",
                    "Files by file_id or file_url are not supported by this gateway; send file_data.");
        }
        ObjectNode file = Jsons.object().put("type", "file");
        ObjectNode body = file.putObject("file").put("file_data", data);
        String name = Jsons.text(part.get("filename"));
        if (name != null) {
            body.put("filename", name);
        }
        return file;
    }

    private static String required(JsonNode node, String field, String at) {
        String value = Jsons.text(node.get(field));
        if (value == null) {
            throw new DialectException(at + "." + field, "Missing required parameter: '" + at + "." + field + "'.");
        }
        return value;
    }

    private static DialectException unsupportedPart(JsonNode part, String at) {
        return new DialectException(at + ".type",
                "Content parts of type '" + Jsons.text(part.get("type")) + "' are not supported here by this gateway.");
    }
}
