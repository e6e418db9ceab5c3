package io.conduit.provider.replicate;

import static io.conduit.provider.testkit.media.MediaHarness.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import io.conduit.provider.testkit.media.MediaHarness;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replicate through the adapter, over HTTP, against {@link FakeReplicate}. */
class ReplicateOverFakeTest {

    private static final String TOKEN = "r8_test";
    private static final String VIDEO = "{\"model\":\"movies\",\"prompt\":\"A red fox in snow\",\"seconds\":8,\"size\":\"1280x720\"}";

    private final FakeReplicate fake = new FakeReplicate(TOKEN);
    private final ProviderEndpoint endpoint = new ProviderEndpoint("p", "replicate", "replicate", fake.baseUrl(), TOKEN);
    private final MediaHarness harness = new MediaHarness(ReplicateAdapter.create(), endpoint);

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void a_video_prediction_is_created_once_polled_to_its_end_and_downloaded() {
        String task = harness.submit(inbound(VIDEO, "google/veo-3"));
        VideoStatus first = harness.poll(task);
        VideoStatus done = harness.pollUntilDone(task, 5);
        byte[] video = harness.download(task, done);

        assertThat(first.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(done.media().videoSeconds()).isEqualTo(8);
        assertThat(done.media().videoResolution()).isEqualTo("1280x720");
        assertThat(video).isEqualTo(fake.outputBytes(task));
        assertThat(fake.jobs().submissions()).hasSize(1);
        assertThat(fake.requests().getLast().header("authorization")).isEmpty();
    }

    @Test
    void webhooks_are_signed_and_read_like_polls() {
        String task = harness.submit(inbound(VIDEO, "google/veo-3"), URI.create("https://gateway.test/hooks/job_7"));
        fake.finish(task);

        assertThat(fake.webhooks()).hasSize(2);
        FakeReplicate.Webhook start = fake.webhooks().getFirst();
        FakeReplicate.Webhook completed = fake.webhooks().getLast();
        assertThat(start.url()).hasToString("https://gateway.test/hooks/job_7");
        assertThat(ReplicateWebhooks.verify(FakeReplicate.WEBHOOK_SECRET, completed.headers()::get, completed.body(), Instant.now()))
                .isTrue();
        assertThat(ReplicateWebhooks.verify(FakeReplicate.WEBHOOK_SECRET, completed.headers()::get,
                new String(completed.body(), StandardCharsets.UTF_8).replace("succeeded", "failed").getBytes(StandardCharsets.UTF_8),
                Instant.now())).isFalse();
        assertThat(ReplicateWebhooks.verify(FakeReplicate.WEBHOOK_SECRET, completed.headers()::get, completed.body(),
                Instant.now().plusSeconds(3600))).isFalse();
        assertThat(ReplicateWebhooks.status(start.body()).state()).isEqualTo(State.QUEUED);
        assertThat(ReplicateWebhooks.status(completed.body()).state()).isEqualTo(State.COMPLETED);
        assertThat(ReplicateWebhooks.secret(harness.ok(ReplicateWebhooks.secretRequest(endpoint)).body()))
                .isEqualTo(FakeReplicate.WEBHOOK_SECRET);
        assertThat(fake.jobs().submissions().getFirst().request().json().path("webhook_events_filter").toString())
                .isEqualTo("[\"start\",\"completed\"]");
    }

    @Test
    void a_failed_prediction_and_a_canceled_one() {
        fake.jobs().stepsToFinish(2).failNext("failed", "Prediction failed: NSFW content detected in the prompt.");
        VideoStatus failed = harness.pollUntilDone(harness.submit(inbound(VIDEO, "google/veo-3")), 3);
        fake.jobs().stepsToFinish(10);
        String running = harness.submit(inbound(VIDEO, "minimax/hailuo-02"));
        harness.poll(running);

        harness.cancel(running);
        VideoStatus canceled = harness.poll(running);

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure().message()).contains("NSFW");
        assertThat(canceled.state()).isEqualTo(State.FAILED);
        assertThat(canceled.failure().code()).isEqualTo("canceled");
    }

    @Test
    void images_come_back_synchronously_as_urls() {
        ImageGeneration.Answer answer = harness.generateImage(inbound("{\"prompt\":\"A lighthouse\",\"n\":3,\"size\":\"1024x1024\"}",
                "black-forest-labs/flux-schnell"));

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"url\":\"" + fake.baseUrl().resolve("/delivery/"));
        assertThat(answer.media().images()).isEqualTo(3);
        assertThat(fake.requests().getLast().header("prefer")).contains("wait");
    }

    @Test
    void an_image_prediction_outlasting_the_wait_is_a_timeout() {
        fake.holdSyncPredictions(true);

        assertThatThrownBy(() -> harness.generateImage(inbound("{\"prompt\":\"A lighthouse\"}", "black-forest-labs/flux-schnell")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void unknown_models_bad_tokens_and_invalid_inputs_are_refused() {
        assertThatThrownBy(() -> harness.submit(inbound(VIDEO, "nobody/nothing")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThatThrownBy(() -> new MediaHarness(ReplicateAdapter.create(), new ProviderEndpoint("p", "r", "replicate",
                fake.baseUrl(), "wrong")).submit(inbound(VIDEO, "google/veo-3")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
        assertThatThrownBy(() -> harness.submit(inbound("{\"input\":{\"seed\":1}}", "google/veo-3")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNPROCESSABLE);
                    assertThat(e.error().param()).isEqualTo("input");
                });
        assertThat(fake.jobs().submissions()).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"401, AUTHENTICATION", "402, PERMISSION_DENIED", "404, NOT_FOUND", "422, UNPROCESSABLE", "429, RATE_LIMITED",
            "500, SERVER_ERROR", "503, OVERLOADED"})
    void every_documented_status_maps_to_its_kind(int status, Kind kind) {
        fake.fail(status);

        assertThatThrownBy(() -> harness.submit(inbound(VIDEO, "google/veo-3")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
