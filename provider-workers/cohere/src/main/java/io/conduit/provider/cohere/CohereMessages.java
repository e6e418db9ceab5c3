package io.conduit.provider.cohere;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code messages} to Cohere v2 {@code messages}. Roles map one to one ({@code developer}
 * becomes {@code system}); text parts become Cohere text content, {@code image_url} parts stay
 * {@code image_url} parts (vision models); an assistant's text next to its tool calls becomes
 * Cohere's {@code tool_plan}, where Cohere expects it.
 */
final class CohereMessages {

    private CohereMessages() {}

    static ArrayNode convert(JsonNode messages) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode message : messages) {
            String role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> out.addObject().put("role", "system")
                        .set("content", textContent(message.path("content"), "system"));
                case "user" -> out.addObject().put("role", "user").set("content", userContent(message.path("content")));
                case "assistant" -> out.add(assistant(message));
                case "tool" -> {
                    ObjectNode tool = out.addObject().put("role", "tool");
                    tool.put("tool_call_id", message.path("tool_call_id").asString(""));
                    tool.set("content", textContent(message.path("content"), "tool"));
                }
                default -> throw UnsupportedInput.of("messages",
                        "Cohere does not take messages with the role '" + role + "'.");
            }
        }
        return out;
    }

    private static ObjectNode assistant(JsonNode message) {
        ObjectNode out = JSON.createObjectNode().put("role", "assistant");
        JsonNode calls = message.path("tool_calls");
        String text = plainText(message.path("content"));
        if (calls.isArray() && !calls.isEmpty()) {
            ArrayNode converted = out.putArray("tool_calls");
            for (JsonNode call : calls) {
                ObjectNode c = converted.addObject();
                c.put("id", call.path("id").asString(""));
                c.put("type", "function");
                ObjectNode fn = c.putObject("function");
                fn.put("name", call.path("function").path("name").asString(""));
                JsonNode args = call.path("function").path("arguments");
                fn.put("arguments", args.isString() ? args.asString() : JSON.writeValueAsString(args));
            }
            if (!text.isEmpty()) {
                out.put("tool_plan", text);
            }
        } else {
            out.set("content", textContent(message.path("content"), "assistant"));
        }
        return out;
    }

    /** A string stays a string; an array of text (or refusal) parts becomes Cohere text content. */
    private static JsonNode textContent(JsonNode content, String role) {
        if (!content.isArray()) {
            return JSON.getNodeFactory().stringNode(content.isString() ? content.asString() : "");
        }
        ArrayNode parts = JSON.createArrayNode();
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            if (type.equals("text") || type.equals("refusal")) {
                parts.addObject().put("type", "text").put("text", part.path(type).asString(""));
            } else {
                throw UnsupportedInput.of("messages", "Cohere takes only text in " + role + " messages, not '" + type + "'.");
            }
        }
        return parts;
    }

    private static JsonNode userContent(JsonNode content) {
        if (!content.isArray()) {
            return JSON.getNodeFactory().stringNode(content.isString() ? content.asString() : "");
        }
        ArrayNode parts = JSON.createArrayNode();
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            switch (type) {
                case "text" -> parts.addObject().put("type", "text").put("text", part.path("text").asString(""));
                case "image_url" -> {
                    JsonNode image = part.path("image_url");
                    ObjectNode url = parts.addObject().put("type", "image_url").putObject("image_url");
                    url.put("url", image.isString() ? image.asString() : image.path("url").asString(""));
                    if (image.path("detail").isString()) {
                        url.set("detail", image.path("detail"));
                    }
                }
                default -> throw UnsupportedInput.of("messages",
                        "Cohere takes text and images in user messages, not '" + type + "'.");
            }
        }
        return parts;
    }

    private static String plainText(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asString(""));
        }
        return text.toString();
    }
}
