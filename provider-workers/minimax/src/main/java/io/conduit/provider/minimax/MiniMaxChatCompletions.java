package io.conduit.provider.minimax;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;

/** Chat completions over MiniMax's ChatCompletion v2 API, plain and streamed. */
final class MiniMaxChatCompletions implements ChatCompletions {

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        return MiniMaxRequests.post(endpoint, call);
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        return MiniMaxResponses.usage(responseBody);
    }

    /** @throws io.conduit.provider.spi.ProviderException when the 200 carries a non-zero {@code base_resp} code */
    @Override
    public byte[] responseBody(byte[] providerBody) {
        return MiniMaxResponses.toOpenAi(providerBody);
    }

    @Override
    public StreamRelay openStream(InboundCall call) {
        return new MiniMaxStreamRelay(call.providerModel(), call.clientWantsUsage());
    }
}
