package io.conduit.provider.testkit.media;

import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.MalformedJsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Drives an adapter's media capabilities the way the media-jobs worker does, over real HTTP to a fake
 * provider: sends each request the adapter builds (following redirects), maps error statuses with the
 * adapter's error mapper, and hands successful bodies back to the adapter. Failures surface as the
 * {@link ProviderException} the worker would see.
 */
public final class MediaHarness {

    /** A raw exchange. */
    public record Reply(int status, Map<String, java.util.List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A spoken answer: what the adapter says it is, and the audio the caller ends up with. */
    public record Spoken(Speech.Answer answer, byte[] audio, String providerContentType) {}

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final ProviderAdapter adapter;
    private final ProviderEndpoint endpoint;

    public MediaHarness(ProviderAdapter adapter, ProviderEndpoint endpoint) {
        this.adapter = adapter;
        this.endpoint = endpoint;
    }

    /** The inbound call for an OpenAI request body. */
    public static InboundCall inbound(String openAiBody, String providerModel) {
        try {
            return new InboundCall(JsonObjectScan.parse(openAiBody.getBytes(StandardCharsets.UTF_8)), providerModel, false,
                    false);
        } catch (MalformedJsonException e) {
            throw new IllegalArgumentException("test request is not JSON: " + openAiBody, e);
        }
    }

    public VideoJobs videos() {
        return adapter.videoJobs().orElseThrow(() -> new AssertionError(adapter.id() + " has no video jobs"));
    }

    /** Submits a job; its provider task id. */
    public String submit(InboundCall call) {
        return videos().submitted(ok(videos().submit(endpoint, call)).body());
    }

    /** Submits a job asking for callbacks to {@code callback}; its provider task id. */
    public String submit(InboundCall call, URI callback) {
        return videos().submitted(ok(videos().submit(endpoint, call, callback)).body());
    }

    public VideoStatus poll(String taskId) {
        return videos().status(ok(videos().poll(endpoint, taskId)).body());
    }

    /** Polls until the job ends (fakes step their jobs per poll, so no waiting); fails after {@code maxPolls}. */
    public VideoStatus pollUntilDone(String taskId, int maxPolls) {
        for (int i = 0; i < maxPolls; i++) {
            VideoStatus status = poll(taskId);
            if (status.state().terminal()) {
                return status;
            }
        }
        throw new AssertionError("job " + taskId + " did not end within " + maxPolls + " polls");
    }

    /** A finished job's video: locates it first when the adapter needs to, then downloads it. */
    public byte[] download(String taskId, VideoStatus status) {
        return download(taskId, status, VideoJobs.Asset.VIDEO);
    }

    public byte[] download(String taskId, VideoStatus status, VideoJobs.Asset asset) {
        VideoStatus located = status;
        Optional<UpstreamRequest> where = videos().locate(endpoint, status);
        if (where.isPresent()) {
            located = videos().located(status, ok(where.get()).body());
        }
        return ok(videos().download(endpoint, taskId, located, asset)).body();
    }

    /** Cancels a job; the provider's answer. */
    public Reply cancel(String taskId) {
        UpstreamRequest request = videos().cancel(endpoint, taskId)
                .orElseThrow(() -> new AssertionError(adapter.id() + " cannot cancel"));
        return ok(request);
    }

    public ImageGeneration.Answer generateImage(InboundCall call) {
        ImageGeneration images = adapter.imageGeneration().orElseThrow(() -> new AssertionError(adapter.id() + " has no images"));
        byte[] body = ok(images.generate(endpoint, call)).body();
        return images.answer(ImageGeneration.Options.of(call.body(), call.providerModel()), body);
    }

    public Spoken speak(InboundCall call) {
        Speech speech = adapter.speech().orElseThrow(() -> new AssertionError(adapter.id() + " has no speech"));
        Reply reply = ok(speech.request(endpoint, call));
        Speech.Answer answer = speech.answer(call, reply::header);
        byte[] audio = speech.wrapsAudio() ? speech.audio(reply.body()) : reply.body();
        return new Spoken(answer, audio, reply.header("content-type"));
    }

    /** Sends a request; a non-2xx answer is thrown as the adapter maps it. */
    public Reply ok(UpstreamRequest request) {
        Reply reply = send(request);
        if (reply.status() >= 300) {
            throw adapter.errorMapper().map(reply.status(), reply::header, reply.body());
        }
        return reply;
    }

    /** Sends a request as it is. */
    public static Reply send(UpstreamRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(Duration.ofSeconds(30));
        request.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("host")) {
                builder.header(name, value);
            }
        });
        builder.method(request.method(), request.body().length == 0 && !UpstreamRequest.POST.equals(request.method())
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
