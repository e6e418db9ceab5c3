package io.conduit.provider.openai;

import io.conduit.contracts.json.JsonStrings;
import io.conduit.provider.openai.internal.ObjectEdit;
import io.conduit.provider.openai.internal.UsageReader;
import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;

/** Embeddings on OpenAI-compatible APIs: a pass-through with the model rewritten. */
final class OpenAiEmbeddings implements Embeddings {

    private final OpenAiPreset preset;
    private final UsageReader usageReader;

    OpenAiEmbeddings(OpenAiPreset preset) {
        this.preset = preset;
        this.usageReader = new UsageReader(preset.usage());
    }

    @Override
    public UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call) {
        byte[] body = new ObjectEdit(call.body()).replace("model", JsonStrings.quoteUtf8(call.providerModel())).toBytes();
        return new UpstreamRequest(
                UpstreamRoutes.uri(preset, endpoint, "/embeddings", call.providerModel()),
                UpstreamRoutes.headers(preset, endpoint, false),
                body);
    }

    @Override
    public TokenUsage usage(byte[] responseBody) {
        return usageReader.fromBody(responseBody);
    }

    @Override
    public byte[] responseBody(byte[] providerBody) {
        return providerBody;
    }
}
