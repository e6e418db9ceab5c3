package io.conduit.provider.anthropic;

import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.json.JsonMember;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI chat completion request as an Anthropic Messages request. Only what has an Anthropic
 * meaning is carried over; every other OpenAI field ({@code n}, {@code logprobs},
 * {@code presence_penalty}, {@code seed}, {@code stream_options}, ...) is dropped, never forwarded.
 */
final class MessagesRequestMapper {

    /** {@code max_tokens} when neither the client, the provider settings nor the catalog give one. */
    static final long DEFAULT_MAX_TOKENS = 4_096;

    /** Provider setting: {@code max_tokens} for requests that carry none. */
    static final String DEFAULT_MAX_TOKENS_SETTING = "default_max_tokens";

    private MessagesRequestMapper() {}

    static ObjectNode map(ProviderEndpoint endpoint, InboundCall call, ClaudeModel model) {
        JsonNode openAi = openAiBody(call);
        ObjectNode out = Jsons.object();
        out.put("model", call.providerModel());
        long maxTokens = maxTokens(openAi, endpoint, model);
        out.put("max_tokens", maxTokens);
        MessagesMapper.Conversation conversation = MessagesMapper.map(openAi.path("messages"));
        if (conversation.system() != null) {
            out.set("system", conversation.system());
        }
        out.set("messages", conversation.messages());
        ArrayNode stop = stopSequences(openAi.path("stop"));
        if (!stop.isEmpty()) {
            out.set("stop_sequences", stop);
        }
        String user = Jsons.string(openAi.path("safety_identifier"), Jsons.string(openAi.path("user"), null));
        if (user != null && !user.isEmpty()) {
            out.putObject("metadata").put("user_id", user);
        }
        boolean forcedToolUse = ToolsMapper.apply(openAi, out, model);
        ThinkingMapper.Outcome thinking = ThinkingMapper.apply(Jsons.string(openAi.path("reasoning_effort"), null),
                model, maxTokens, forcedToolUse, conversation.continuesToolUse(), out);
        out.put("max_tokens", thinking.maxTokens());
        if (model.samplingParameters() && !thinking.enabled()) {
            sampling(openAi, out);
        }
        if (call.stream()) {
            out.put("stream", true);
        }
        return out;
    }

    /**
     * {@code temperature} (OpenAI's 0–2 range clamped to Anthropic's 0–1) and {@code top_p}; only
     * the temperature when both are given, since recent models reject the pair. Extended thinking
     * takes neither, so they are left out when thinking is on.
     */
    private static void sampling(JsonNode openAi, ObjectNode out) {
        JsonNode temperature = openAi.path("temperature");
        if (temperature.isNumber()) {
            out.put("temperature", Math.max(0, Math.min(1, temperature.asDouble())));
        } else if (openAi.path("top_p").isNumber()) {
            out.put("top_p", openAi.path("top_p").asDouble());
        }
    }

    private static long maxTokens(JsonNode openAi, ProviderEndpoint endpoint, ClaudeModel model) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = openAi.path(field);
            if (value.isNumber() && value.asLong() > 0) {
                return value.asLong();
            }
        }
        Long configured = endpoint.setting(DEFAULT_MAX_TOKENS_SETTING).map(MessagesRequestMapper::positive).orElse(null);
        if (configured != null) {
            return configured;
        }
        int modelLimit = model.capabilities().maxOutputTokens();
        return modelLimit > 0 ? modelLimit : DEFAULT_MAX_TOKENS;
    }

    private static Long positive(String text) {
        try {
            long value = Long.parseLong(text.strip());
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ArrayNode stopSequences(JsonNode stop) {
        ArrayNode out = Jsons.array();
        if (stop.isString() && !stop.asString().isEmpty()) {
            out.add(stop.asString());
        }
        for (JsonNode sequence : stop) {
            if (sequence.isString() && !sequence.asString().isEmpty()) {
                out.add(sequence.asString());
            }
        }
        return out;
    }

    /** The client's body as a tree, one top-level member at a time (the last of duplicate names wins). */
    private static JsonNode openAiBody(InboundCall call) {
        ObjectNode body = Jsons.object();
        for (JsonMember member : call.body().members()) {
            body.set(member.name(), Jsons.read(call.body().rawValue(member)));
        }
        return body;
    }
}
