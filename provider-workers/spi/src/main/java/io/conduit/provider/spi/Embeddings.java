package io.conduit.provider.spi;

/** Capability: embeddings. */
public interface Embeddings {

    UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call);

    TokenUsage usage(byte[] responseBody);

    byte[] responseBody(byte[] providerBody);

    /** The client-facing body for the call that asked for it (its model, its {@code encoding_format}). */
    default byte[] responseBody(InboundCall call, byte[] providerBody) {
        return responseBody(providerBody);
    }
}
