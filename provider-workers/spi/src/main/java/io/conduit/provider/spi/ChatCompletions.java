package io.conduit.provider.spi;

/** Capability: OpenAI-style chat completions, plain and streamed. */
public interface ChatCompletions {

    /** The provider request for a client's chat completion request. */
    UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call);

    /** Token usage from a successful, non-streamed provider answer. */
    TokenUsage usage(byte[] responseBody);

    /** The client-facing body of a successful, non-streamed provider answer. */
    byte[] responseBody(byte[] providerBody);

    /** A relay for one streamed answer. */
    StreamRelay openStream(InboundCall call);
}
