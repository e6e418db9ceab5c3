package io.conduit.ingress.http;

import io.conduit.contracts.error.ErrorEnvelope;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Sends gateway errors as responses (or stream events) carrying the {@link ErrorEnvelope}. */
public final class ErrorResponses {

    private ErrorResponses() {}

    public static byte[] envelope(GatewayException e) {
        return ErrorEnvelope.json(e.getMessage(), e.type(), e.param(), e.code());
    }

    /** The envelope as one server-sent event, to end a stream that failed after it began. */
    public static byte[] streamEvent(GatewayException e) {
        byte[] json = envelope(e);
        byte[] event = new byte[json.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, event, 0, 6);
        System.arraycopy(json, 0, event, 6, json.length);
        event[event.length - 2] = '\n';
        event[event.length - 1] = '\n';
        return event;
    }

    public static Publisher<Void> send(HttpServerResponse response, GatewayException e) {
        if (response.hasSentHeaders()) {
            return Mono.empty();
        }
        byte[] body = envelope(e);
        response.status(HttpResponseStatus.valueOf(e.status()))
                .header("content-type", "application/json")
                .header("content-length", Integer.toString(body.length));
        e.headers().forEach(response::header);
        return response.sendByteArray(Mono.just(body)).then();
    }
}
