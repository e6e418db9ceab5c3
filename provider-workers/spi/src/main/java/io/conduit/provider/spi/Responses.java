package io.conduit.provider.spi;

import io.conduit.provider.spi.sse.SseEventSplitter;

/**
 * Capability: OpenAI's Responses API ({@code POST /responses}) served by the provider itself, so the
 * gateway passes a Responses client's request through instead of translating it to chat
 * completions. Providers without it still serve Responses clients, through the chat-completions
 * translation; that is why this capability is not one of the {@link Capability} values a model
 * list shows.
 *
 * <p>The gateway is stateless: an adapter never lets the provider store a response, and refuses
 * requests that need stored state.
 */
public interface Responses {

    /**
     * The provider request for a client's Responses request: {@code call.body()} is the client's
     * {@code CreateResponse} body, sent on with {@code model} replaced by {@code call.providerModel()}
     * and whatever the adapter documents changed.
     *
     * @throws ProviderException (non-retriable, {@code BAD_REQUEST}) for a request the gateway cannot
     *     serve statelessly, such as one continuing a stored response ({@code previous_response_id})
     */
    UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call);

    /**
     * Token usage of a successful, non-streamed answer (a {@code response} object), from its
     * {@code usage}: input tokens (cached included), output tokens (reasoning included), cached
     * and reasoning tokens. {@link TokenUsage#NONE} when the body has no readable usage.
     */
    TokenUsage usage(byte[] responseBody);

    /**
     * The client-facing body of a successful, non-streamed answer: the provider's {@code response}
     * object, its {@code model} shown as the model the client asked for ({@code call.body()}'s).
     *
     * @throws ProviderException when a 2xx body is in fact a failed response
     */
    byte[] responseBody(byte[] providerBody, InboundCall call);

    /**
     * A relay for one streamed answer: the provider's {@code response.*} server-sent events pass to
     * the client (model shown as in {@link #responseBody}); usage comes from the terminal
     * {@code response.completed} or {@code response.incomplete} event, after which the stream counts
     * as {@linkplain StreamRelay#completed() completed}; {@code response.failed} and {@code error}
     * events are its {@linkplain StreamRelay#streamFailure() failure}; its generated text is the
     * output text, refusal and function-call argument deltas.
     */
    StreamRelay openStream(InboundCall call);

    /** Cuts the provider's streamed body into events for the relay: server-sent events unless overridden. */
    default StreamDecoder streamDecoder() {
        return new SseEventSplitter();
    }
}
