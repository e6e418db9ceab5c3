package io.conduit.ingress.proxy;

import io.conduit.provider.spi.UpstreamRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP client to providers: pooled keep-alive connections, a connect timeout, and a read
 * timeout that applies between reads (so long streams live as long as they keep talking).
 * Cancelling a returned publisher closes its connection.
 */
public final class UpstreamClient implements AutoCloseable {

    /** A whole answer. */
    public record Answer(int status, HttpHeaders headers, byte[] body) {}

    /** A piece of a streamed exchange: first the head, then body bytes as they arrive. */
    public sealed interface Part permits Head, Bytes {}

    public record Head(int status, HttpHeaders headers) implements Part {}

    public record Bytes(byte[] bytes) implements Part {}

    private final ConnectionProvider pool;
    private final HttpClient client;

    public UpstreamClient(Duration connectTimeout, Duration readTimeout, int maxConnectionsPerHost) {
        this.pool = ConnectionProvider.builder("conduit-upstream")
                .maxConnections(maxConnectionsPerHost)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(50))
                .build();
        this.client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .responseTimeout(readTimeout)
                .keepAlive(true);
    }

    public Mono<Answer> exchange(UpstreamRequest request) {
        return exchange(request, () -> {});
    }

    /** @param onSent runs once the request has been written to the provider's connection */
    public Mono<Answer> exchange(UpstreamRequest request, Runnable onSent) {
        return prepare(request, onSent)
                .responseSingle((response, body) -> body.asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(bytes -> new Answer(response.status().code(), response.responseHeaders(), bytes)));
    }

    /** The head, then (for a 2xx answer) the body's bytes as they arrive; for an error, the whole body in one piece. */
    public Flux<Part> stream(UpstreamRequest request) {
        return stream(request, () -> {});
    }

    /** @param onSent runs once the request has been written to the provider's connection */
    public Flux<Part> stream(UpstreamRequest request, Runnable onSent) {
        return prepare(request, onSent).response((response, body) -> {
            Head head = new Head(response.status().code(), response.responseHeaders());
            Flux<Part> rest = head.status() < 300
                    ? body.asByteArray().<Part>map(Bytes::new)
                    : body.aggregate().asByteArray().defaultIfEmpty(new byte[0]).<Part>map(Bytes::new).flux();
            return Flux.<Part>just(head).concatWith(rest);
        });
    }

    private HttpClient.ResponseReceiver<?> prepare(UpstreamRequest request, Runnable onSent) {
        return client
                .headers(h -> {
                    request.headers().forEach(h::set);
                    h.set("content-length", request.body().length);
                })
                .request(io.netty.handler.codec.http.HttpMethod.valueOf(request.method()))
                .uri(request.uri())
                .send((outgoing, out) -> out.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request.body())))
                        .then()
                        .doOnSuccess(written -> onSent.run()));
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
