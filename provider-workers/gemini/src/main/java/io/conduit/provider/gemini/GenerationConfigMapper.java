package io.conduit.provider.gemini;

import static io.conduit.provider.gemini.GeminiJson.MAPPER;
import static io.conduit.provider.gemini.GeminiJson.text;

import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI sampling and output options as Gemini's {@code generationConfig}: {@code max_completion_tokens}
 * (or {@code max_tokens}) → {@code maxOutputTokens}, {@code temperature}, {@code top_p} → {@code topP},
 * {@code stop} → {@code stopSequences}, {@code seed}, the penalties, {@code response_format} →
 * {@code responseMimeType} and {@code responseJsonSchema}, and {@code reasoning_effort} →
 * {@code thinkingConfig}: a {@code thinkingLevel} on Gemini 3, a {@code thinkingBudget} on Gemini
 * 2.5 (the values of Google's own OpenAI compatibility layer), nothing on models that do not think.
 */
final class GenerationConfigMapper {

    private GenerationConfigMapper() {}

    static void map(JsonNode request, String model, ObjectNode out) {
        ObjectNode config = MAPPER.createObjectNode();
        JsonNode maxTokens = request.path("max_completion_tokens").isNumber()
                ? request.path("max_completion_tokens") : request.path("max_tokens");
        copyNumber(maxTokens, "maxOutputTokens", config);
        copyNumber(request.path("temperature"), "temperature", config);
        copyNumber(request.path("top_p"), "topP", config);
        copyNumber(request.path("top_k"), "topK", config);
        copyNumber(request.path("seed"), "seed", config);
        copyNumber(request.path("presence_penalty"), "presencePenalty", config);
        copyNumber(request.path("frequency_penalty"), "frequencyPenalty", config);
        JsonNode stop = request.path("stop");
        if (stop.isString()) {
            config.putArray("stopSequences").add(stop.stringValue());
        } else if (stop.isArray() && !stop.isEmpty()) {
            config.set("stopSequences", stop);
        }
        responseFormat(request.path("response_format"), config);
        ObjectNode thinking = thinking(text(request.path("reasoning_effort")), model);
        if (thinking != null) {
            config.set("thinkingConfig", thinking);
        }
        if (!config.isEmpty()) {
            out.set("generationConfig", config);
        }
    }

    private static void copyNumber(JsonNode value, String name, ObjectNode into) {
        if (value.isNumber()) {
            into.set(name, value);
        }
    }

    private static void responseFormat(JsonNode format, ObjectNode config) {
        switch (String.valueOf(text(format.path("type")))) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    config.set("responseJsonSchema", ToolsMapper.withoutMetaSchema(schema));
                }
            }
            default -> {
                // "text" is Gemini's default
            }
        }
    }

    /** The thinking setting for an OpenAI {@code reasoning_effort}, null for none. */
    static ObjectNode thinking(String effort, String model) {
        if (effort == null) {
            return null;
        }
        String e = effort.toLowerCase(Locale.ROOT);
        boolean pro = GeminiModels.isPro(model);
        return switch (GeminiModels.thinking(model)) {
            case NONE -> null;
            case LEVEL -> {
                // Gemini 3 Pro has only low and high; Flash also minimal and medium
                String level = switch (e) {
                    case "none", "minimal" -> pro ? "low" : "minimal";
                    case "low" -> "low";
                    case "medium" -> pro ? "high" : "medium";
                    case "high", "xhigh" -> "high";
                    default -> null;
                };
                yield level == null ? null : MAPPER.createObjectNode().put("thinkingLevel", level);
            }
            case BUDGET -> {
                Integer budget = switch (e) {
                    case "none" -> pro ? 128 : 0; // 2.5 Pro cannot stop thinking; 128 is its least
                    case "minimal", "low" -> 1024;
                    case "medium" -> 8192;
                    case "high", "xhigh" -> 24576;
                    default -> null;
                };
                yield budget == null ? null : MAPPER.createObjectNode().put("thinkingBudget", budget);
            }
        };
    }
}
