package io.conduit.provider.spi;

/** Capability: embeddings. */
public interface Embeddings {

    UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call);

    TokenUsage usage(byte[] responseBody);

    byte[] responseBody(byte[] providerBody);
}
