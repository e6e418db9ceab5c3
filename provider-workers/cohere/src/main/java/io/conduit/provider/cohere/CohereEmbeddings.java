package io.conduit.provider.cohere;

import static io.conduit.provider.spi.openai.OpenAiShapes.JSON;

import io.conduit.provider.cohere.internal.CohereUsage;
import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI embeddings over Cohere's v2 {@code POST /embed} (https://docs.cohere.com/reference/embed):
 * {@code input} becomes {@code texts}, {@code dimensions} becomes {@code output_dimension}, and
 * {@code input_type} is {@code search_document} unless the provider's {@code embed_input_type}
 * setting says otherwise (OpenAI has no such notion). Float embeddings are always asked for and
 * returned as float arrays whatever the client's {@code encoding_format}; OpenAI's SDKs accept
 * that. Usage is Cohere's {@code meta.billed_units.input_tokens}.
 */
final class CohereEmbeddings implements Embeddings {

    static final String INPUT_TYPE_SETTING = "embed_input_type";

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        JsonNode in = JSON.readTree(call.body().rewrite(Map.of(), Map.of()));
        ObjectNode out = JSON.createObjectNode();
        out.put("model", call.providerModel());
        ArrayNode texts = out.putArray("texts");
        JsonNode input = in.path("input");
        if (input.isString()) {
            texts.add(input.asString());
        } else {
            for (JsonNode item : input) {
                if (!item.isString()) {
                    throw UnsupportedInput.of("input", "Cohere embeds text only; token arrays are not supported.");
                }
                texts.add(item.asString());
            }
        }
        out.put("input_type", endpoint.setting(INPUT_TYPE_SETTING).orElse("search_document"));
        out.putArray("embedding_types").add("float");
        if (in.path("dimensions").isNumber()) {
            out.set("output_dimension", in.path("dimensions"));
        }
        Map<String, String> headers = Map.of(
                "authorization", "Bearer " + endpoint.apiKey(),
                "content-type", "application/json",
                "accept", "application/json",
                "x-client-name", "conduit");
        return new UpstreamRequest(endpoint.resolve("/embed"), headers, JSON.writeValueAsBytes(out));
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        try {
            return CohereUsage.fromEmbedMeta(JSON.readTree(responseBody).path("meta"));
        } catch (JacksonException e) {
            return TokenUsage.NONE;
        }
    }

    @Override
    public byte[] responseBody(byte[] providerBody) {
        return responseBody(providerBody, CohereChatResponses.MODEL);
    }

    /** Cohere does not echo the model: the answer names the one the call asked for. */
    @Override
    public byte[] responseBody(InboundCall call, byte[] providerBody) {
        return responseBody(providerBody, call.providerModel());
    }

    private byte[] responseBody(byte[] providerBody, String model) {
        JsonNode answer;
        try {
            answer = JSON.readTree(providerBody);
        } catch (JacksonException e) {
            throw ProviderException.of(Kind.SERVER_ERROR, 502,
                    new ProviderError("Cohere answered with a body that is not JSON.", "api_error", null, null), null);
        }
        JsonNode embeddings = answer.path("embeddings");
        // embeddings_by_type answers nest the vectors under their type; older floats answers do not
        JsonNode vectors = embeddings.isObject() ? embeddings.path("float") : embeddings;
        ObjectNode out = JSON.createObjectNode();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        int index = 0;
        for (JsonNode vector : vectors) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", index++);
            item.set("embedding", vector);
        }
        out.put("model", model);
        TokenUsage usage = CohereUsage.fromEmbedMeta(answer.path("meta"));
        out.putObject("usage").put("prompt_tokens", usage.promptTokens()).put("total_tokens", usage.promptTokens());
        return JSON.writeValueAsBytes(out);
    }
}
