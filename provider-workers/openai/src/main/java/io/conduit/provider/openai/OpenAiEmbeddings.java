package io.conduit.provider.openai;

import io.conduit.provider.openai.internal.UsageReader;
import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;

/** Embeddings on OpenAI-compatible APIs: a pass-through. */
final class OpenAiEmbeddings implements Embeddings {

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        return OpenAiRequests.post(endpoint, "/embeddings", call);
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        return UsageReader.fromBody(responseBody);
    }

    @Override
    public byte[] responseBody(byte[] providerBody) {
        return providerBody;
    }
}
