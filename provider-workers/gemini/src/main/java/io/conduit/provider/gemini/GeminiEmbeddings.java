package io.conduit.provider.gemini;

import static io.conduit.provider.gemini.GeminiJson.MAPPER;
import static io.conduit.provider.gemini.GeminiJson.text;

import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI embeddings on Gemini. The Gemini API takes {@code :batchEmbedContents}
 * ({@code {"requests":[{"model":"models/..","content":{"parts":[{"text"}]}}]}}, answered with
 * {@code {"embeddings":[{"values"}]}}, https://ai.google.dev/api/embeddings); Vertex AI takes
 * {@code :predict} ({@code {"instances":[{"content"}]}}, answered with
 * {@code {"predictions":[{"embeddings":{"values","statistics":{"token_count"}}}]}},
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api).
 * {@code dimensions} becomes {@code outputDimensionality}. Vertex reports tokens per input; the
 * Gemini API reports none, so its usage is zero and marked estimated for the gateway to count.
 */
final class GeminiEmbeddings implements Embeddings {

    private final GeminiApi api;

    GeminiEmbeddings(GeminiApi api) {
        this.api = api;
    }

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        JsonNode request = GeminiJson.tree(call.body());
        List<String> texts = texts(request.path("input"));
        JsonNode dimensions = request.path("dimensions");
        ObjectNode body = MAPPER.createObjectNode();
        if (api.vertex()) {
            ArrayNode instances = body.putArray("instances");
            texts.forEach(text -> instances.addObject().put("content", text));
            if (dimensions.isIntegralNumber()) {
                body.putObject("parameters").set("outputDimensionality", dimensions);
            }
        } else {
            String model = "models/" + GeminiApi.bareModel(call.providerModel());
            ArrayNode requests = body.putArray("requests");
            for (String text : texts) {
                ObjectNode one = requests.addObject();
                one.put("model", model);
                one.putObject("content").putArray("parts").addObject().put("text", text);
                if (dimensions.isIntegralNumber()) {
                    one.set("outputDimensionality", dimensions);
                }
            }
        }
        String method = api.vertex() ? "predict" : "batchEmbedContents";
        return new UpstreamRequest(api.uri(endpoint, call.providerModel(), method), api.headers(endpoint, false),
                GeminiJson.bytes(body));
    }

    private static List<String> texts(JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (input.isString()) {
            texts.add(input.stringValue());
            return texts;
        }
        for (JsonNode item : input) {
            String text = text(item);
            if (text == null) {
                throw ProviderException.of(ProviderException.Kind.BAD_REQUEST, 0, new ProviderError(
                        "Gemini embeds text only: 'input' must be a string or an array of strings, not token ids.",
                        "invalid_request_error", "input", "unsupported_input"), null);
            }
            texts.add(text);
        }
        return texts;
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        JsonNode response = GeminiJson.parseOrNull(responseBody, 0, responseBody.length);
        if (response == null) {
            return TokenUsage.NONE;
        }
        if (response.path("predictions").isArray()) {
            long tokens = 0;
            for (JsonNode prediction : response.path("predictions")) {
                tokens += prediction.path("embeddings").path("statistics").path("token_count").asLong(0);
            }
            return new TokenUsage(tokens, 0, 0, 0, false);
        }
        JsonNode reported = response.path("usageMetadata").path("promptTokenCount");
        return reported.isNumber() ? new TokenUsage(reported.asLong(), 0, 0, 0, false) : new TokenUsage(0, 0, 0, 0, true);
    }

    @Override
    public byte[] responseBody(byte[] providerBody) {
        return responseBody(providerBody, "", false);
    }

    /**
     * The OpenAI {@code list} of embeddings.
     *
     * @param model the model name to report
     * @param base64 whether the client asked for {@code encoding_format: base64} (little-endian float32)
     */
    byte[] responseBody(byte[] providerBody, String model, boolean base64) {
        JsonNode response = GeminiJson.parseOrNull(providerBody, 0, providerBody.length);
        if (response == null || !response.isObject()) {
            throw ProviderException.of(ProviderException.Kind.SERVER_ERROR, 200, new ProviderError(
                    "The provider answered with a body that is not a JSON object.", "api_error", null, null), null);
        }
        List<JsonNode> vectors = new ArrayList<>();
        if (response.path("predictions").isArray()) {
            response.path("predictions").forEach(p -> vectors.add(p.path("embeddings").path("values")));
        } else {
            response.path("embeddings").forEach(e -> vectors.add(e.path("values")));
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            if (base64) {
                item.put("embedding", base64(vectors.get(i)));
            } else {
                item.set("embedding", vectors.get(i));
            }
        }
        out.put("model", model);
        TokenUsage usage = usage(providerBody);
        out.putObject("usage").put("prompt_tokens", usage.promptTokens()).put("total_tokens", usage.promptTokens());
        return GeminiJson.bytes(out);
    }

    /** Embeddings for a call, honouring its {@code encoding_format} and naming its model. */
    @Override
    public byte[] responseBody(InboundCall call, byte[] providerBody) {
        JsonNode format = GeminiJson.tree(call.body()).path("encoding_format");
        return responseBody(providerBody, call.providerModel(), "base64".equals(text(format)));
    }

    private static String base64(JsonNode values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(v -> buffer.putFloat(v.floatValue()));
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
