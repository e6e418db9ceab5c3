package io.conduit.ingress.proxy;

import io.conduit.provider.dialects.AnthropicMessagesDialect;
import io.conduit.provider.dialects.ClientDialect;
import io.conduit.provider.dialects.OpenAiResponsesDialect;
import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.Responses;
import io.conduit.provider.spi.StreamDecoder;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.util.Optional;
import java.util.function.Function;

/**
 * A proxied API (chat completions, embeddings, Anthropic Messages, OpenAI Responses): how to
 * validate its requests as sent, the dialect that translates them to chat completions (for client
 * APIs other than OpenAI's chat and embeddings), and which capability of an adapter serves them.
 *
 * @param validator validates the client's body as sent; null when the API is only ever served
 *     translated (then the translated chat body is validated as a chat request)
 * @param dialect the client API's translator to and from chat completions, null for none
 * @param capability the capability of an adapter that serves a request, chosen per adapter: its
 *     own implementation of the client's API where it has one, else chat completions
 */
record Operation(String endpoint, Function<byte[], ValidatedRequest> validator, ClientDialect dialect,
        Function<ProviderAdapter, Optional<Calls>> capability) {

    /** Which form of the client's request a capability takes. */
    enum RequestForm {
        /** The body as the client sent it: the capability speaks the client's API. */
        AS_SENT,
        /** The body translated to chat completions by the operation's dialect. */
        CHAT
    }

    /** What the proxy needs of a capability. */
    interface Calls {
        RequestForm form();

        UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call);

        TokenUsage usage(byte[] body);

        byte[] responseBody(InboundCall call, byte[] body);

        StreamRelay openStream(InboundCall call);

        StreamDecoder streamDecoder();
    }

    static final Operation CHAT_COMPLETIONS = new Operation("chat.completions", RequestValidator::chatCompletion, null,
            adapter -> adapter.chatCompletions().map(chat -> chatCalls(chat, RequestForm.AS_SENT)));

    /** The Anthropic Messages API, translated to chat completions. */
    static final Operation MESSAGES = new Operation("messages", null, new AnthropicMessagesDialect(),
            adapter -> adapter.chatCompletions().map(chat -> chatCalls(chat, RequestForm.CHAT)));

    /**
     * The OpenAI Responses API: passed through to providers that serve it, translated to chat
     * completions for the others; decided per deployment, so one plan may hold both.
     */
    static final Operation RESPONSES = new Operation("responses", RequestValidator::responses,
            new OpenAiResponsesDialect(),
            adapter -> adapter.responses().map(Operation::responsesCalls)
                    .or(() -> adapter.chatCompletions().map(chat -> chatCalls(chat, RequestForm.CHAT))));

    static final Operation EMBEDDINGS = new Operation("embeddings", RequestValidator::embeddings, null,
            adapter -> adapter.embeddings().map(Operation::embeddingCalls));

    private static Calls chatCalls(ChatCompletions chat, RequestForm form) {
        return new Calls() {
            public RequestForm form() { return form; }
            public UpstreamRequest request(ProviderEndpoint e, InboundCall c) { return chat.request(e, c); }
            public TokenUsage usage(byte[] body) { return chat.usage(body); }
            public byte[] responseBody(InboundCall c, byte[] body) { return chat.responseBody(c, body); }
            public StreamRelay openStream(InboundCall c) { return chat.openStream(c); }
            public StreamDecoder streamDecoder() { return chat.streamDecoder(); }
        };
    }

    private static Calls responsesCalls(Responses responses) {
        return new Calls() {
            public RequestForm form() { return RequestForm.AS_SENT; }
            public UpstreamRequest request(ProviderEndpoint e, InboundCall c) { return responses.request(e, c); }
            public TokenUsage usage(byte[] body) { return responses.usage(body); }
            public byte[] responseBody(InboundCall c, byte[] body) { return responses.responseBody(body, c); }
            public StreamRelay openStream(InboundCall c) { return responses.openStream(c); }
            public StreamDecoder streamDecoder() { return responses.streamDecoder(); }
        };
    }

    private static Calls embeddingCalls(Embeddings embeddings) {
        return new Calls() {
            public RequestForm form() { return RequestForm.AS_SENT; }
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
