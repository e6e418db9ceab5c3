package io.conduit.provider.gemini;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The request checks Google makes before generating, so a mapping mistake fails here as it would
 * in production: unknown fields (Google's JSON parser rejects them), roles other than
 * {@code user}/{@code model}, turns without parts, parts with no or two kinds of data
 * (https://ai.google.dev/api/generate-content#request-body, https://ai.google.dev/api/caching#Content).
 */
final class FakeGeminiRequests {

    private static final Set<String> REQUEST_FIELDS = Set.of("contents", "systemInstruction", "system_instruction",
            "tools", "toolConfig", "tool_config", "safetySettings", "safety_settings", "generationConfig",
            "generation_config", "cachedContent", "cached_content", "labels");
    private static final Set<String> GENERATION_FIELDS = Set.of("stopSequences", "responseMimeType", "responseSchema",
            "responseJsonSchema", "responseModalities", "candidateCount", "maxOutputTokens", "temperature", "topP",
            "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs", "logprobs",
            "enableEnhancedCivicAnswers", "speechConfig", "thinkingConfig", "mediaResolution", "imageConfig");
    private static final Set<String> PART_DATA = Set.of("text", "inlineData", "fileData", "functionCall",
            "functionResponse", "executableCode", "codeExecutionResult");
    private static final Set<String> PART_FIELDS = Set.of("thought", "thoughtSignature", "videoMetadata",
            "partMetadata", "mediaResolution");
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "functionCall", Set.of("id", "name", "args"),
            "functionResponse", Set.of("id", "name", "response", "parts", "willContinue", "scheduling"),
            "inlineData", Set.of("mimeType", "data"),
            "fileData", Set.of("mimeType", "fileUri"),
            "thinkingConfig", Set.of("includeThoughts", "thinkingBudget", "thinkingLevel"));

    private FakeGeminiRequests() {}

    /** Google's error message for a bad {@code generateContent} request, or null when it is acceptable. */
    static String problem(JsonNode body) {
        if (!body.isObject()) {
            return "Invalid JSON payload received. Expected an object.";
        }
        String unknown = unknown(body, REQUEST_FIELDS);
        if (unknown == null && body.path("generationConfig").isObject()) {
            unknown = unknown(body.path("generationConfig"), GENERATION_FIELDS);
            if (unknown == null) {
                unknown = unknown(body.path("generationConfig").path("thinkingConfig"), KNOWN.get("thinkingConfig"));
            }
        }
        if (unknown != null) {
            return "Invalid JSON payload received. Unknown name \"" + unknown + "\": Cannot find field.";
        }
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            return "* GenerateContentRequest.contents: contents is not specified\n";
        }
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            String role = content.path("role").asString("");
            if (!role.equals("user") && !role.equals("model")) {
                return "Please use a valid role: user, model.";
            }
            String bad = badParts(content.path("parts"), "contents[" + i + "]");
            if (bad != null) {
                return bad;
            }
        }
        return badParts(body.path("systemInstruction").path("parts"), "system_instruction");
    }

    private static String badParts(JsonNode parts, String where) {
        if (parts.isMissingNode()) {
            return null;
        }
        if (!parts.isArray() || parts.isEmpty()) {
            return "* GenerateContentRequest." + where + ".parts: contents.parts must not be empty.\n";
        }
        for (JsonNode part : parts) {
            int kinds = 0;
            for (String name : part.propertyNames()) {
                if (PART_DATA.contains(name)) {
                    kinds++;
                    Set<String> known = KNOWN.get(name);
                    String unknown = known == null ? null : unknown(part.path(name), known);
                    if (unknown != null) {
                        return "Invalid JSON payload received. Unknown name \"" + unknown + "\" at '" + where
                                + ".parts." + name + "': Cannot find field.";
                    }
                } else if (!PART_FIELDS.contains(name)) {
                    return "Invalid JSON payload received. Unknown name \"" + name + "\" at '" + where
                            + ".parts': Cannot find field.";
                }
            }
            if (kinds != 1) {
                return "* GenerateContentRequest." + where + ".parts: a part must have exactly one kind of data.\n";
            }
            if (part.has("functionResponse") && (!part.path("functionResponse").path("response").isObject()
                    || part.path("functionResponse").path("name").asString("").isEmpty())) {
                return "* GenerateContentRequest." + where + ".parts.function_response: name and response are required.\n";
            }
        }
        return null;
    }

    private static String unknown(JsonNode object, Set<String> known) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                return name;
            }
        }
        return null;
    }
}
