package io.conduit.ingress.http;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** Reads a request body into one array, refusing bodies over the limit (by header, or as they stream in). */
public final class RequestBodyReader {

    private RequestBodyReader() {}

    public static Mono<byte[]> read(HttpServerRequest request, int maxBytes) {
        String declared = request.requestHeaders().get("content-length");
        int expected = 0;
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                return Mono.error(GatewayException.badRequest("invalid_content_length", null,
                        "The Content-Length header is not a number."));
            }
            if (length > maxBytes) {
                return Mono.error(GatewayException.tooLarge(maxBytes));
            }
            expected = (int) length;
        }
        int initial = expected;
        return request.receive()
                .collect(() -> new Accumulator(initial, maxBytes), Accumulator::add)
                .map(Accumulator::bytes);
    }

    private static final class Accumulator {
        private final int max;
        private byte[] buffer;
        private int length;

        Accumulator(int expected, int max) {
            this.max = max;
            this.buffer = new byte[Math.max(expected, 256)];
        }

        void add(ByteBuf chunk) {
            int n = chunk.readableBytes();
            if ((long) length + n > max) {
                throw GatewayException.tooLarge(max);
            }
            if (length + n > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.min(max, Math.max(buffer.length * 2, length + n)));
            }
            chunk.readBytes(buffer, length, n);
            length += n;
        }

        byte[] bytes() {
            return length == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, length);
        }
    }
}
