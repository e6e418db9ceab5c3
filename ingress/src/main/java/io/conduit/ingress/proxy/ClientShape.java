package io.conduit.ingress.proxy;

import io.conduit.ingress.http.ErrorResponses;
import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.dialects.ChatRequest;
import io.conduit.provider.dialects.ClientDialect;
import io.conduit.provider.dialects.DialectStream;
import io.conduit.provider.spi.sse.SseEventSplitter;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The shape of answers in the client's API: answers already in it (OpenAI chat completions, or a
 * provider's own Responses API) as they are, or translated by a client dialect (Anthropic
 * Messages, OpenAI Responses) from the chat answer.
 */
interface ClientShape {

    /** Chat completions: nothing to translate. */
    ClientShape CHAT = asSent(null);

    /** Answers already in the client's API pass as they are; errors go in the dialect's shape (OpenAI's when null). */
    static ClientShape asSent(ClientDialect dialect) {
        return new ClientShape() {
            public byte[] body(byte[] answer) { return answer; }
            public Stream stream() { return IDENTITY_STREAM; }
            public Publisher<Void> sendError(HttpServerResponse response, GatewayException e) {
                return dialect == null ? ErrorResponses.send(response, e) : sendDialectError(dialect, response, e);
            }
        };
    }

    /** One streamed answer in the client's shape. */
    interface Stream {
        /** Whole OpenAI chat events in, the client's events out (possibly none yet). */
        byte[] onEvents(byte[] chatEvents);

        /** What the client still needs when the upstream stream is over. */
        byte[] onEnd(boolean upstreamCompleted);
    }

    Stream IDENTITY_STREAM = new Stream() {
        public byte[] onEvents(byte[] chatEvents) { return chatEvents; }
        public byte[] onEnd(boolean upstreamCompleted) { return new byte[0]; }
    };

    byte[] body(byte[] chatCompletion);

    Stream stream();

    Publisher<Void> sendError(HttpServerResponse response, GatewayException e);

    /** Answers translated by {@code dialect} for the request it translated. */
    static ClientShape of(ClientDialect dialect, ChatRequest request) {
        return new ClientShape() {
            public byte[] body(byte[] chatCompletion) {
                return dialect.fromChatResponse(chatCompletion, request);
            }

            public Stream stream() {
                DialectStream translator = dialect.openStream(request);
                SseEventSplitter events = new SseEventSplitter();
                return new Stream() {
                    public byte[] onEvents(byte[] chatEvents) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        events.feed(chatEvents, event -> out.writeBytes(translator.onEvent(event)));
                        return out.toByteArray();
                    }

                    public byte[] onEnd(boolean upstreamCompleted) {
                        return translator.onEnd(upstreamCompleted);
                    }
                };
            }

            public Publisher<Void> sendError(HttpServerResponse response, GatewayException e) {
                return sendDialectError(dialect, response, e);
            }
        };
    }

    /** An error (before any answer began) in the dialect's error shape. */
    static Publisher<Void> sendDialectError(ClientDialect dialect, HttpServerResponse response, GatewayException e) {
        if (response.hasSentHeaders()) {
            return Mono.empty();
        }
        byte[] body = dialect.errorBody(e.status(), e.type(), e.code(), e.param(), e.getMessage());
        response.status(HttpResponseStatus.valueOf(e.status()))
                .header("content-type", "application/json")
                .header("content-length", Integer.toString(body.length));
        e.headers().forEach(response::header);
        return response.sendByteArray(Mono.just(body)).then();
    }
}
