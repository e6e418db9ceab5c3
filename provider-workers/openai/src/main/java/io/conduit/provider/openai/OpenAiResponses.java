package io.conduit.provider.openai;

import io.conduit.contracts.json.Json;
import io.conduit.provider.openai.internal.ResponseUsageReader;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.Responses;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import io.conduit.provider.spi.json.MalformedJsonException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Responses API on providers that serve it (OpenAI, Azure OpenAI, xAI): the client's
 * request and the provider's answer pass through, with the model rewritten both ways and
 * {@code store} forced off (see {@link ResponsesRequestBody}).
 */
final class OpenAiResponses implements Responses {

    private final OpenAiPreset preset;

    OpenAiResponses(OpenAiPreset preset) {
        this.preset = preset;
    }

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        return new UpstreamRequest(
                UpstreamRoutes.responsesUri(preset, endpoint),
                UpstreamRoutes.headers(preset, endpoint, call.stream()),
                ResponsesRequestBody.of(call));
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        return ResponseUsageReader.fromResponse(responseBody);
    }

    @Override
    public byte[] responseBody(byte[] providerBody, InboundCall call) {
        JsonObjectScan response;
        try {
            response = JsonObjectScan.parse(providerBody);
        } catch (MalformedJsonException e) {
            return providerBody;
        }
        Optional<JsonMember> status = response.member("status").filter(m -> m.type() == JsonType.STRING);
        if (status.isPresent() && "failed".equals(response.stringValue(status.get()))) {
            throw ResponseFailures.of(errorOf(response));
        }
        byte[] model = clientModel(call);
        return model == null || response.member("model").isEmpty() ? providerBody
                : response.rewrite(Map.of("model", model), Map.of());
    }

    @Override
    public StreamRelay openStream(InboundCall call) {
        return new ResponsesStreamRelay(clientModel(call));
    }

    /** The model the client asked for, as its raw JSON string, or null when the body names none. */
    static byte[] clientModel(InboundCall call) {
        return call.body().member("model").filter(m -> m.type() == JsonType.STRING).map(call.body()::rawValue)
                .orElse(null);
    }

    private static JsonNode errorOf(JsonObjectScan response) {
        return response.member("error").filter(m -> m.type() == JsonType.OBJECT).map(m -> {
            try {
                return Json.mapper().readTree(response.rawValue(m));
            } catch (JacksonException e) {
                return Json.mapper().missingNode();
            }
        }).orElseGet(() -> Json.mapper().missingNode());
    }
}
