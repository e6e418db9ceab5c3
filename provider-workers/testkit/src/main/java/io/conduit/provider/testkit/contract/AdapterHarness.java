package io.conduit.provider.testkit.contract;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamDecoder;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Drives an adapter the way ingress does, over real HTTP to a fake provider: builds the provider
 * request, sends it, and turns the answer (or the stream, event by event through the adapter's
 * decoder and relay) back into what the client would receive.
 */
public final class AdapterHarness {

    /** A non-streamed exchange: the client-facing body, or the mapped error. */
    public record Plain(int status, byte[] clientBody, ProviderException error, byte[] providerBody) {
        public String clientText() {
            return new String(clientBody, StandardCharsets.UTF_8);
        }
    }

    /** A streamed exchange: what the client received, and the relay (for usage and completion). */
    public record Streamed(int status, String clientStream, StreamRelay relay, ProviderException error) {}

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final ProviderAdapter adapter;
    private final ProviderEndpoint endpoint;

    public AdapterHarness(ProviderAdapter adapter, ProviderEndpoint endpoint) {
        this.adapter = adapter;
        this.endpoint = endpoint;
    }

    public ChatCompletions chat() {
        return adapter.chatCompletions().orElseThrow(() -> new AssertionError(adapter.id() + " has no chat"));
    }

    /** The inbound call for an OpenAI chat request body. */
    public static InboundCall inbound(String openAiBody, String providerModel) {
        JsonObjectScan scan;
        try {
            scan = JsonObjectScan.parse(openAiBody.getBytes(StandardCharsets.UTF_8));
        } catch (io.conduit.provider.spi.json.MalformedJsonException e) {
            throw new IllegalArgumentException("test request is not JSON: " + openAiBody, e);
        }
        boolean stream = openAiBody.replace(" ", "").contains("\"stream\":true");
        boolean wantsUsage = openAiBody.replace(" ", "").contains("\"include_usage\":true");
        return new InboundCall(scan, providerModel, stream, wantsUsage);
    }

    public Plain send(InboundCall call) {
        UpstreamRequest request = chat().request(endpoint, call);
        HttpResponse<byte[]> response = post(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            return new Plain(response.statusCode(), new byte[0], mapError(response.statusCode(), response, response.body()),
                    response.body());
        }
        try {
            return new Plain(response.statusCode(), chat().responseBody(response.body()), null, response.body());
        } catch (ProviderException inBandError) {
            // some providers (MiniMax) answer errors with a 200 and an error body
            return new Plain(response.statusCode(), new byte[0], inBandError, response.body());
        }
    }

    public Streamed stream(InboundCall call) {
        UpstreamRequest request = chat().request(endpoint, call);
        HttpResponse<InputStream> response = post(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 300) {
                byte[] bytes = body.readAllBytes();
                return new Streamed(response.statusCode(), "", null, mapError(response.statusCode(), response, bytes));
            }
            StreamRelay relay = chat().openStream(call);
            StreamDecoder decoder = chat().streamDecoder();
            ByteArrayOutputStream client = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                // small, odd-sized pieces, so decoders see events split across reads
                for (int from = 0; from < n; from += 7) {
                    byte[] piece = Arrays.copyOfRange(buffer, from, Math.min(n, from + 7));
                    decoder.feed(piece, event -> {
                        byte[] out = relay.relay(event);
                        if (out != null) {
                            client.writeBytes(out);
                        }
                    });
                }
            }
            return new Streamed(response.statusCode(), client.toString(StandardCharsets.UTF_8), relay, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProviderException mapError(int status, HttpResponse<?> response, byte[] body) {
        return adapter.errorMapper().map(status, name -> response.headers().firstValue(name).orElse(null), body);
    }

    private static <T> HttpResponse<T> post(UpstreamRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        try {
            return HTTP.send(builder.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final List<String> RESTRICTED = new ArrayList<>(List.of("host", "content-length", "connection",
            "expect", "upgrade"));
}
