package io.conduit.provider.openai;

import io.conduit.provider.openai.internal.UsageReader;
import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;

/** Chat completions on OpenAI-compatible APIs: a pass-through. */
final class OpenAiChatCompletions implements ChatCompletions {

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        return OpenAiRequests.post(endpoint, "/chat/completions", call);
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        return UsageReader.fromBody(responseBody);
    }

    @Override
    public byte[] responseBody(byte[] providerBody) {
        return providerBody;
    }

    @Override
    public StreamRelay openStream(InboundCall call) {
        return new OpenAiStreamRelay(call.clientWantsUsage());
    }
}
