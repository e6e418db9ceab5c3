package io.conduit.provider.spi;

import io.conduit.provider.spi.sse.SseEventSplitter;

/** Capability: OpenAI-style chat completions, plain and streamed. */
public interface ChatCompletions {

    /** The provider request for a client's chat completion request. */
    UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call);

    /** Token usage from a successful, non-streamed provider answer. */
    TokenUsage usage(byte[] responseBody);

    /**
     * The client-facing body of a successful, non-streamed provider answer.
     *
     * @throws ProviderException when a 2xx body is in fact an error (some providers answer errors with 200)
     */
    byte[] responseBody(byte[] providerBody);

    /**
     * The client-facing body for the call that asked for it; adapters whose provider does not echo
     * the model (or that need the request to shape the answer) override this one.
     */
    default byte[] responseBody(InboundCall call, byte[] providerBody) {
        return responseBody(providerBody);
    }

    /** A relay for one streamed answer. */
    StreamRelay openStream(InboundCall call);

    /** Cuts the provider's streamed body into events for the relay: server-sent events unless overridden. */
    default StreamDecoder streamDecoder() {
        return new SseEventSplitter();
    }
}
