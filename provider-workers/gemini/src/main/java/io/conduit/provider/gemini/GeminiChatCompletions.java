package io.conduit.provider.gemini;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.time.Clock;
import tools.jackson.databind.JsonNode;

/** Chat completions on Gemini: the request, answer and stream mapped between OpenAI and Gemini shapes. */
final class GeminiChatCompletions implements ChatCompletions {

    private final GeminiApi api;
    private final Clock clock;
    private final GeminiErrorMapper errors;
    private final ChatResponseMapper responses;

    GeminiChatCompletions(GeminiApi api, Clock clock, GeminiErrorMapper errors) {
        this.api = api;
        this.clock = clock;
        this.errors = errors;
        this.responses = new ChatResponseMapper(clock, errors);
    }

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        String method = call.stream() ? GeminiApi.STREAM_GENERATE : GeminiApi.GENERATE;
        return new UpstreamRequest(api.uri(endpoint, call.providerModel(), method),
                api.headers(endpoint, call.stream()), ChatRequestMapper.body(call));
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        JsonNode response = GeminiJson.parseOrNull(responseBody, 0, responseBody.length);
        return response == null ? TokenUsage.NONE : GeminiUsage.tokens(response.path("usageMetadata"));
    }

    @Override
    public byte[] responseBody(byte[] providerBody) {
        return responses.body(providerBody);
    }

    @Override
    public StreamRelay openStream(InboundCall call) {
        return new GeminiStreamRelay(call.clientWantsUsage(), call.providerModel(), clock.instant().getEpochSecond(),
                errors);
    }
}
