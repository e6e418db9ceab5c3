package io.conduit.provider.gemini;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Veo and Imagen through the adapter, over HTTP, against {@link FakeGeminiMedia}. */
class GeminiMediaOverFakeTest {

    private static final String KEY = "AIza-test-key";
    private static final String VIDEO = "{\"model\":\"movies\",\"prompt\":\"A lighthouse in a storm\",\"seconds\":\"8\",\"size\":\"1280x720\"}";

    private final FakeGeminiMedia fake = new FakeGeminiMedia(KEY);
    private final MediaHarness harness = harness(KEY);

    @AfterEach
    void stop() {
        fake.close();
    }

    private MediaHarness harness(String key) {
        return new MediaHarness(GeminiAdapter.aiStudio(), new ProviderEndpoint("p", "gemini", "gemini", fake.baseUrl(), key));
    }

    @Test
    void a_video_is_submitted_once_polled_to_its_end_and_downloaded_through_the_redirect() {
        fake.jobs().stepsToFinish(3);

        String task = harness.submit(inbound(VIDEO, "veo-3.1-generate-preview"));
        VideoStatus first = harness.poll(task);
        VideoStatus done = harness.pollUntilDone(task, 5);
        byte[] video = harness.download(task, done);

        assertThat(task).startsWith("models/veo-3.1-generate-preview/operations/");
        assertThat(first.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(video).hasSize(3 * 1024 * 1024).isEqualTo(fake.videoBytes(task.substring(task.lastIndexOf('/') + 1)));
        assertThat(fake.jobs().submissions()).hasSize(1);
        assertThat(fake.jobs().submissions().getFirst().request().json().path("parameters").path("durationSeconds").asInt())
                .isEqualTo(8);
        assertThat(fake.requests()).filteredOn(r -> r.path().startsWith("/storage/")).hasSize(1);
    }

    @Test
    void a_failed_operation_and_a_filtered_video_end_as_failed_jobs() {
        fake.jobs().stepsToFinish(1).failNext("13", "Video generation failed due to an internal error.");
        String failedTask = harness.submit(inbound(VIDEO, "veo-3.0-generate-001"));
        fake.filterNextVideo("This video was blocked because it may contain a celebrity.");
        String filteredTask = harness.submit(inbound(VIDEO, "veo-3.0-generate-001"));

        VideoStatus failed = harness.pollUntilDone(failedTask, 2);
        VideoStatus filtered = harness.pollUntilDone(filteredTask, 2);

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure().message()).isEqualTo("Video generation failed due to an internal error.");
        assertThat(filtered.state()).isEqualTo(State.FAILED);
        assertThat(filtered.failure().code()).isEqualTo("content_filter");
        assertThat(fake.jobs().submissions()).hasSize(2);
    }

    @Test
    void a_wrong_key_and_a_bad_parameter_are_google_errors() {
        assertThatThrownBy(() -> harness("wrong").submit(inbound(VIDEO, "veo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
        assertThatThrownBy(() -> harness.submit(inbound("{\"prompt\":\"p\",\"seconds\":\"12\"}", "veo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
                    assertThat(e.error().message()).contains("durationSeconds");
                });
        assertThat(fake.jobs().submissions()).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"400, BAD_REQUEST", "403, PERMISSION_DENIED", "404, NOT_FOUND", "429, RATE_LIMITED", "500, SERVER_ERROR",
            "503, OVERLOADED", "504, TIMEOUT"})
    void every_documented_error_status_maps_to_its_kind(int status, Kind kind) {
        fake.fail(status);

        assertThatThrownBy(() -> harness.submit(inbound(VIDEO, "veo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.upstreamStatus()).isEqualTo(status);
                });
    }

    @Test
    void imagen_images_come_back_as_b64_json() {
        ImageGeneration.Answer answer = harness.generateImage(inbound(
                "{\"prompt\":\"A watercolor fox\",\"n\":3,\"size\":\"1024x1024\",\"response_format\":\"url\"}", "imagen-4.0-generate-001"));

        assertThat(answer.media().images()).isEqualTo(3);
        assertThat(new String(answer.body())).contains("\"b64_json\":\"iVBORw0KGg").doesNotContain("\"url\"");
        assertThat(fake.requests().getLast().json().path("parameters").path("sampleCount").asInt()).isEqualTo(3);
    }

    @Test
    void imagen_images_withheld_by_the_filters_are_a_content_filter_failure() {
        fake.filterImages("Your current safety filter threshold filtered out the generated images.");

        assertThatThrownBy(() -> harness.generateImage(inbound("{\"prompt\":\"x\"}", "imagen-4.0-generate-001")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED));
    }
}
