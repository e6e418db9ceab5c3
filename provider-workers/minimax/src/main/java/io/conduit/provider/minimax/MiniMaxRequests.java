package io.conduit.provider.minimax;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.UpstreamRequest;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an OpenAI chat request into a MiniMax {@code POST /text/chatcompletion_v2} request
 * (https://platform.minimax.io/docs/api-reference/text-post). The format is OpenAI's, so this
 * keeps the fields MiniMax documents and adjusts the rest: {@code max_tokens} becomes
 * {@code max_completion_tokens} (the former is deprecated), {@code temperature} and
 * {@code top_p} are brought into MiniMax's range (0, 1], {@code tool_choice} other than
 * {@code none} becomes {@code auto} (the only other value MiniMax takes), {@code developer}
 * messages become {@code system} ones. Undocumented fields ({@code stop}, {@code seed},
 * {@code n}, penalties, {@code user}, ...) are dropped.
 */
final class MiniMaxRequests {

    /** Provider setting: {@code true} asks MiniMax to put reasoning in {@code reasoning_details}, not in the content. */
    static final String REASONING_SPLIT_SETTING = "reasoning_split";

    private MiniMaxRequests() {}

    static UpstreamRequest post(ProviderEndpoint endpoint, InboundCall call) {
        Map<String, String> headers = Map.of(
                "authorization", "Bearer " + endpoint.apiKey(),
                "content-type", "application/json",
                "accept", call.stream() ? "text/event-stream" : "application/json");
        return new UpstreamRequest(endpoint.resolve("/text/chatcompletion_v2"), headers,
                JSON.writeValueAsBytes(body(call, endpoint)));
    }

    static ObjectNode body(InboundCall call, ProviderEndpoint endpoint) {
        JsonNode in = JSON.readTree(call.body().rewrite(Map.of(), Map.of()));
        ObjectNode out = JSON.createObjectNode();
        out.put("model", call.providerModel());
        out.set("messages", messages(in.path("messages")));
        if (call.stream()) {
            out.put("stream", true);
        }
        JsonNode maxTokens = in.path("max_completion_tokens").isNumber() ? in.path("max_completion_tokens")
                : in.path("max_tokens");
        if (maxTokens.isNumber()) {
            out.set("max_completion_tokens", maxTokens);
        }
        for (String field : new String[] {"temperature", "top_p"}) {
            if (in.path(field).isNumber()) {
                out.put(field, unitRange(in.path(field).asDouble()));
            }
        }
        tools(in, out);
        String format = in.path("response_format").path("type").asString("");
        if (format.equals("json_schema") || format.equals("json_object")) {
            out.set("response_format", in.path("response_format"));
        }
        if (endpoint.setting(REASONING_SPLIT_SETTING).map(Boolean::parseBoolean).orElse(false)) {
            out.put("reasoning_split", true);
        }
        return out;
    }

    private static ArrayNode messages(JsonNode messages) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode message : messages) {
            String role = message.path("role").asString("");
            ObjectNode m = out.addObject();
            switch (role) {
                case "system", "developer" -> m.put("role", "system");
                case "user", "assistant", "tool" -> m.put("role", role);
                default -> throw UnsupportedInput.of("messages", "MiniMax does not take messages with the role '" + role + "'.");
            }
            if (message.path("name").isString()) {
                m.set("name", message.path("name"));
            }
            m.set("content", content(message.path("content")));
            JsonNode calls = message.path("tool_calls");
            if (calls.isArray() && !calls.isEmpty()) {
                ArrayNode converted = m.putArray("tool_calls");
                for (JsonNode call : calls) {
                    ObjectNode c = converted.addObject();
                    c.put("id", call.path("id").asString(""));
                    c.put("type", "function");
                    JsonNode args = call.path("function").path("arguments");
                    c.putObject("function").put("name", call.path("function").path("name").asString(""))
                            .put("arguments", args.isString() ? args.asString() : JSON.writeValueAsString(args));
                }
            }
            if (message.path("tool_call_id").isString()) {
                m.set("tool_call_id", message.path("tool_call_id"));
            }
        }
        return out;
    }

    /** Text stays as it is; parts may be text or images; an absent content (tool calls only) is empty text. */
    private static JsonNode content(JsonNode content) {
        if (!content.isArray()) {
            return JSON.getNodeFactory().stringNode(content.isString() ? content.asString() : "");
        }
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            if (!type.equals("text") && !type.equals("image_url")) {
                throw UnsupportedInput.of("messages", "MiniMax takes text and images in messages, not '" + type + "'.");
            }
        }
        return content;
    }

    private static void tools(JsonNode in, ObjectNode out) {
        JsonNode tools = in.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return;
        }
        ArrayNode converted = out.putArray("tools");
        for (JsonNode tool : tools) {
            if (!"function".equals(tool.path("type").asString("function"))) {
                throw UnsupportedInput.of("tools", "MiniMax supports only function tools.");
            }
            JsonNode function = tool.path("function");
            ObjectNode fn = converted.addObject().put("type", "function").putObject("function");
            fn.put("name", function.path("name").asString(""));
            if (function.path("description").isString()) {
                fn.set("description", function.path("description"));
            }
            if (function.path("parameters").isObject()) {
                fn.set("parameters", function.path("parameters"));
            }
        }
        // MiniMax takes "none" or "auto"; "required" and a named function can only be asked as "auto"
        JsonNode choice = in.path("tool_choice");
        if (!choice.isMissingNode() && !choice.isNull()) {
            out.put("tool_choice", "none".equals(choice.asString("")) ? "none" : "auto");
        }
    }

    /** MiniMax takes temperature and top_p in (0, 1]. */
    private static double unitRange(double value) {
        return value <= 0 ? 0.01 : Math.min(1.0, value);
    }
}
