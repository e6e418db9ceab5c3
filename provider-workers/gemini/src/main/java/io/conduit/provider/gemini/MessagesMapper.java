package io.conduit.provider.gemini;

import static io.conduit.provider.gemini.GeminiJson.MAPPER;
import static io.conduit.provider.gemini.GeminiJson.text;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code messages} as Gemini {@code contents} and {@code systemInstruction}: system and
 * developer messages become the system instruction; user messages role {@code user}; assistant
 * messages role {@code model}, their tool calls {@code functionCall} parts; tool results
 * {@code functionResponse} parts of a {@code user} turn, named after the earlier call with the same
 * id. Adjacent turns of one role are merged, so parallel calls' results travel together as Gemini
 * expects. Call ids are not sent: Gemini pairs calls and results by name and order.
 */
final class MessagesMapper {

    /**
     * Google's documented placeholder for a replayed function call whose signature was lost
     * (https://ai.google.dev/gemini-api/docs/thought-signatures), accepted by Gemini 3 instead of a
     * real one.
     */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    private final boolean signaturesRequired;
    private final ArrayNode contents = MAPPER.createArrayNode();
    private final ArrayNode systemParts = MAPPER.createArrayNode();
    private final Map<String, String> toolNamesById = new HashMap<>();

    private MessagesMapper(String model) {
        this.signaturesRequired = GeminiModels.requiresThoughtSignatures(model);
    }

    /** Sets {@code contents} and, when there are system messages, {@code systemInstruction} on the request. */
    static void map(JsonNode messages, String model, ObjectNode request) {
        MessagesMapper mapper = new MessagesMapper(model);
        for (JsonNode message : messages) {
            mapper.add(message);
        }
        request.set("contents", mapper.contents);
        if (!mapper.systemParts.isEmpty()) {
            request.putObject("systemInstruction").set("parts", mapper.systemParts);
        }
    }

    private void add(JsonNode message) {
        JsonNode content = message.path("content");
        switch (String.valueOf(text(message.path("role")))) {
            case "system", "developer" -> ContentParts.appendText(content, systemParts);
            case "assistant" -> append("model", assistantParts(message));
            case "tool" -> append("user", functionResponse(
                    toolNamesById.getOrDefault(String.valueOf(text(message.path("tool_call_id"))),
                            nameOr(message, "function")), content));
            case "function" -> append("user", functionResponse(nameOr(message, "function"), content));
            default -> append("user", ContentParts.userParts(content));
        }
    }

    private ArrayNode assistantParts(JsonNode message) {
        ArrayNode parts = MAPPER.createArrayNode();
        ContentParts.appendText(message.path("content"), parts);
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String name = text(function.path("name"));
            if (name == null) {
                continue;
            }
            String id = text(call.path("id"));
            if (id != null) {
                toolNamesById.put(id, name);
            }
            ObjectNode part = parts.addObject();
            ObjectNode functionCall = part.putObject("functionCall");
            functionCall.put("name", name);
            functionCall.set("args", arguments(text(function.path("arguments"))));
            String signature = text(call.path("extra_content").path("google").path("thought_signature"));
            if (signature != null) {
                part.put("thoughtSignature", signature);
            } else if (signaturesRequired && index == 0) {
                // only the first call of a turn carries a signature; without one Gemini 3 answers 400
                part.put("thoughtSignature", SKIP_SIGNATURE);
            }
            index++;
        }
        JsonNode legacyCall = message.path("function_call");
        if (legacyCall.isObject() && text(legacyCall.path("name")) != null) {
            ObjectNode functionCall = parts.addObject().putObject("functionCall");
            functionCall.put("name", text(legacyCall.path("name")));
            functionCall.set("args", arguments(text(legacyCall.path("arguments"))));
        }
        return parts;
    }

    /** Arguments as the object Gemini wants; anything else the model once sent is kept under {@code arguments}. */
    private static JsonNode arguments(String json) {
        JsonNode parsed = GeminiJson.parseOrNull(json);
        if (parsed != null && parsed.isObject()) {
            return parsed;
        }
        ObjectNode wrapped = MAPPER.createObjectNode();
        if (json != null && !json.isBlank()) {
            wrapped.put("arguments", json);
        }
        return wrapped;
    }

    /**
     * A result as a {@code functionResponse} part. Gemini wants an object: a JSON object result is
     * sent as it is, anything else under {@code output}, the key Google documents for a function's output.
     */
    private static ArrayNode functionResponse(String name, JsonNode content) {
        String result = text(content);
        if (result == null) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode part : content) {
                String t = text(part.path("text"));
                if (t != null) {
                    joined.append(t);
                }
            }
            result = joined.toString();
        }
        JsonNode parsed = GeminiJson.parseOrNull(result);
        ObjectNode response;
        if (parsed != null && parsed.isObject()) {
            response = (ObjectNode) parsed;
        } else {
            response = MAPPER.createObjectNode();
            if (parsed != null && parsed.isContainer()) {
                response.set("output", parsed);
            } else {
                response.put("output", result);
            }
        }
        ArrayNode parts = MAPPER.createArrayNode();
        ObjectNode functionResponse = parts.addObject().putObject("functionResponse");
        functionResponse.put("name", name);
        functionResponse.set("response", response);
        return parts;
    }

    private void append(String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return; // Gemini rejects a turn without parts
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(text(last.path("role")))) {
            ((ArrayNode) last.path("parts")).addAll(parts);
            return;
        }
        ObjectNode turn = contents.addObject();
        turn.put("role", role);
        turn.set("parts", parts);
    }

    private static String nameOr(JsonNode message, String fallback) {
        String name = text(message.path("name"));
        return name == null || name.isBlank() ? fallback : name;
    }
}
