package io.conduit.provider.cohere;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.UpstreamRequest;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an OpenAI chat request into a Cohere v2 {@code POST /chat} request
 * (https://docs.cohere.com/reference/chat). Fields Cohere has no counterpart for ({@code n},
 * {@code user}, {@code logprobs}, {@code parallel_tool_calls}, {@code stream_options}, ...) are
 * dropped; content Cohere cannot take (audio, files) is refused as a bad request.
 */
final class CohereChatRequests {

    private CohereChatRequests() {}

    static UpstreamRequest post(ProviderEndpoint endpoint, InboundCall call) {
        Map<String, String> headers = Map.of(
                "authorization", "Bearer " + endpoint.apiKey(),
                "content-type", "application/json",
                "accept", call.stream() ? "text/event-stream" : "application/json",
                "x-client-name", "conduit");
        return new UpstreamRequest(endpoint.resolve("/chat"), headers, JSON.writeValueAsBytes(body(call)));
    }

    static ObjectNode body(InboundCall call) {
        JsonNode in = JSON.readTree(call.body().rewrite(Map.of(), Map.of()));
        ObjectNode out = JSON.createObjectNode();
        out.put("model", call.providerModel());
        out.set("messages", CohereMessages.convert(in.path("messages")));
        tools(in, out);
        responseFormat(in.path("response_format"), out);
        JsonNode maxTokens = in.path("max_completion_tokens").isNumber() ? in.path("max_completion_tokens")
                : in.path("max_tokens");
        if (maxTokens.isNumber()) {
            out.set("max_tokens", maxTokens);
        }
        if (in.path("temperature").isNumber()) {
            out.set("temperature", in.path("temperature"));
        }
        if (in.path("top_p").isNumber()) {
            // Cohere's p lies in [0.01, 0.99]; OpenAI's top_p in [0, 1]
            out.put("p", clamp(in.path("top_p").asDouble(), 0.01, 0.99));
        }
        stop(in.path("stop"), out);
        if (in.path("seed").isNumber()) {
            out.set("seed", in.path("seed"));
        }
        // Cohere takes penalties in [0, 1]; OpenAI allows [-2, 2]
        for (String penalty : new String[] {"frequency_penalty", "presence_penalty"}) {
            if (in.path(penalty).isNumber()) {
                out.put(penalty, clamp(in.path(penalty).asDouble(), 0, 1));
            }
        }
        if (call.stream()) {
            out.put("stream", true);
        }
        return out;
    }

    private static void tools(JsonNode in, ObjectNode out) {
        JsonNode tools = in.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        JsonNode choice = in.path("tool_choice");
        String forced = choice.isObject() ? choice.path("function").path("name").asString(null) : null;
        ArrayNode converted = JSON.createArrayNode();
        boolean strict = false;
        for (JsonNode tool : tools) {
            if (!"function".equals(tool.path("type").asString("function"))) {
                throw UnsupportedInput.of("tools", "Cohere supports only function tools.");
            }
            JsonNode function = tool.path("function");
            String name = function.path("name").asString("");
            if (forced != null && !forced.equals(name)) {
                // Cohere cannot force one named tool; offering only that tool with REQUIRED does
                continue;
            }
            ObjectNode fn = converted.addObject().put("type", "function").putObject("function");
            fn.put("name", name);
            if (function.path("description").isString()) {
                fn.set("description", function.path("description"));
            }
            fn.set("parameters", function.path("parameters").isObject() ? function.path("parameters")
                    : JSON.createObjectNode().put("type", "object").set("properties", JSON.createObjectNode()));
            strict |= function.path("strict").asBoolean(false);
        }
        out.set("tools", converted);
        if (strict) {
            out.put("strict_tools", true);
        }
        if (forced != null || "required".equals(choice.asString(""))) {
            out.put("tool_choice", "REQUIRED");
        } else if ("none".equals(choice.asString(""))) {
            out.put("tool_choice", "NONE");
        }
    }

    private static void responseFormat(JsonNode format, ObjectNode out) {
        String type = format.path("type").asString("");
        if (type.equals("json_object")) {
            out.putObject("response_format").put("type", "json_object");
        } else if (type.equals("json_schema")) {
            ObjectNode converted = out.putObject("response_format").put("type", "json_object");
            JsonNode schema = format.path("json_schema").path("schema");
            if (schema.isObject()) {
                converted.set("json_schema", schema);
            }
        }
    }

    private static void stop(JsonNode stop, ObjectNode out) {
        if (stop.isString()) {
            out.putArray("stop_sequences").add(stop.asString());
        } else if (stop.isArray() && !stop.isEmpty()) {
            out.set("stop_sequences", stop);
        }
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
