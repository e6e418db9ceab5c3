package io.conduit.provider.cohere;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;

/** Chat completions over Cohere's v2 chat API, plain and streamed. */
final class CohereChatCompletions implements ChatCompletions {

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        return CohereChatRequests.post(endpoint, call);
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        return CohereChatResponses.usage(responseBody);
    }

    @Override
    public byte[] responseBody(byte[] providerBody) {
        return CohereChatResponses.toOpenAi(providerBody, CohereChatResponses.MODEL);
    }

    /** Cohere does not echo the model: the answer names the one the call asked for. */
    @Override
    public byte[] responseBody(InboundCall call, byte[] providerBody) {
        return CohereChatResponses.toOpenAi(providerBody, call.providerModel());
    }

    @Override
    public StreamRelay openStream(InboundCall call) {
        return new CohereStreamRelay(call.providerModel(), call.clientWantsUsage());
    }
}
