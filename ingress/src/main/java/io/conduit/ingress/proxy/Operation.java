package io.conduit.ingress.proxy;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.StreamDecoder;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.util.Optional;
import java.util.function.Function;

/** A proxied API (chat completions, embeddings): how to validate its requests and reach its capability. */
record Operation(String endpoint, Function<byte[], ValidatedRequest> validator,
        Function<ProviderAdapter, Optional<Calls>> capability) {

    /** What the proxy needs of a capability. */
    interface Calls {
        UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call);

        TokenUsage usage(byte[] body);

        byte[] responseBody(InboundCall call, byte[] body);

        StreamRelay openStream(InboundCall call);

        StreamDecoder streamDecoder();
    }

    static final Operation CHAT_COMPLETIONS = new Operation("chat.completions", RequestValidator::chatCompletion,
            adapter -> adapter.chatCompletions().map(Operation::chatCalls));

    /** The Anthropic Messages API, translated to chat completions. */
    static final Operation MESSAGES = new Operation("messages", RequestValidator::chatCompletion,
            adapter -> adapter.chatCompletions().map(Operation::chatCalls));

    /** The OpenAI Responses API, translated to chat completions. */
    static final Operation RESPONSES = new Operation("responses", RequestValidator::chatCompletion,
            adapter -> adapter.chatCompletions().map(Operation::chatCalls));

    static final Operation EMBEDDINGS = new Operation("embeddings", RequestValidator::embeddings,
            adapter -> adapter.embeddings().map(Operation::embeddingCalls));

    private static Calls chatCalls(ChatCompletions chat) {
        return new Calls() {
            public UpstreamRequest request(ProviderEndpoint e, InboundCall c) { return chat.request(e, c); }
            public TokenUsage usage(byte[] body) { return chat.usage(body); }
            public byte[] responseBody(InboundCall c, byte[] body) { return chat.responseBody(c, body); }
            public StreamRelay openStream(InboundCall c) { return chat.openStream(c); }
            public StreamDecoder streamDecoder() { return chat.streamDecoder(); }
        };
    }

    private static Calls embeddingCalls(Embeddings embeddings) {
        return new Calls() {
            public UpstreamRequest request(ProviderEndpoint e, InboundCall c) { return embeddings.request(e, c); }
            public TokenUsage usage(byte[] body) { return embeddings.usage(body); }
            public byte[] responseBody(InboundCall c, byte[] body) { return embeddings.responseBody(c, body); }
            public StreamRelay openStream(InboundCall c) {
                throw new IllegalStateException("embeddings are never streamed");
            }
            public StreamDecoder streamDecoder() {
                throw new IllegalStateException("embeddings are never streamed");
            }
        };
    }
}
