package io.conduit.provider.worker;

import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.UpstreamRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Sends an adapter's {@link UpstreamRequest} (the adapters do no I/O) and turns an error answer into
 * the provider's {@link ProviderException} with its family's mapper; transport failures become
 * retriable ones. Blocking: workers run each job on its own virtual thread.
 */
public final class ProviderHttp {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final HttpClient client;
    private final HttpClient downloads;
    private final Duration timeout;

    public ProviderHttp(Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        // result URLs (signed storage links) may redirect to the storage host; provider APIs are not followed
        this.downloads = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
    }

    /** A complete answer. */
    public record Answer(int status, Function<String, String> header, byte[] body) {}

    /** A 2xx answer whose body is read as it arrives; close it. */
    public record Stream(Function<String, String> header, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** Sends and reads the whole answer; an error status is mapped by {@code errors}. */
    public Answer send(UpstreamRequest request, ProviderErrorMapper errors) {
        HttpResponse<byte[]> response = exchange(client, request, HttpResponse.BodyHandlers.ofByteArray());
        Function<String, String> header = name -> response.headers().firstValue(name).orElse(null);
        if (response.statusCode() >= 300) {
            throw errors.map(response.statusCode(), header, response.body() == null ? new byte[0] : response.body());
        }
        return new Answer(response.statusCode(), header, response.body());
    }

    /** Sends and returns the body as a stream (results: never whole in memory). */
    public Stream open(UpstreamRequest request, ProviderErrorMapper errors, boolean followRedirects) {
        HttpResponse<InputStream> response = exchange(followRedirects ? downloads : client, request,
                HttpResponse.BodyHandlers.ofInputStream());
        Function<String, String> header = name -> response.headers().firstValue(name).orElse(null);
        if (response.statusCode() >= 300) {
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(64 * 1024);
            } catch (IOException e) {
                body = new byte[0];
            }
            throw errors.map(response.statusCode(), header, body);
        }
        return new Stream(header, response.body());
    }

    private <T> HttpResponse<T> exchange(HttpClient http, UpstreamRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout)
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        try {
            return http.send(builder.build(), handler);
        } catch (HttpTimeoutException e) {
            throw ProviderException.of(ProviderException.Kind.TIMEOUT, 0,
                    new ProviderError("The provider did not answer in time.", "timeout", null, "timeout"), null);
        } catch (IOException e) {
            throw ProviderException.of(ProviderException.Kind.CONNECTION_FAILED, 0,
                    new ProviderError("The provider could not be reached.", "connection_error", null, "connection_failed"), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobInterrupted();
        }
    }

    /** The job's thread was interrupted (its partition was taken away, or the worker is stopping). */
    public static final class JobInterrupted extends RuntimeException {
        public JobInterrupted() {
            super("interrupted", null, false, false);
        }
    }
}
