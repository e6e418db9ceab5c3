package io.conduit.provider.replicate;

import static io.conduit.provider.testkit.media.MediaHarness.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.Capability;
import io.conduit.provider.spi.FormPart;
import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.MultipartForm;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replicate request mapping and prediction parsing, against bodies from Replicate's HTTP API reference. */
class ReplicateMappingTest {

    private static final ProviderEndpoint ENDPOINT =
            new ProviderEndpoint("p", "replicate", "replicate", URI.create("https://api.replicate.com/v1"), "r8_secret");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T05:00:00Z"), ZoneOffset.UTC);
    private static final String PREDICTION = "{\"id\":\"gm3qorzdhgbfurvjtvhg6dckhu\",\"model\":\"google/veo-3\",\"version\":"
            + "\"hidden\",\"input\":{\"prompt\":\"A fox\",\"duration\":8,\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\"},"
            + "\"logs\":\"\",\"output\":%s,\"data_removed\":false,\"error\":%s,\"status\":\"%s\",\"created_at\":"
            + "\"2026-11-24T05:00:00.000Z\",\"urls\":{\"cancel\":\"https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu/"
            + "cancel\",\"get\":\"https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu\"},\"metrics\":{}}";

    private final ReplicateAdapter adapter = ReplicateAdapter.create(CLOCK);
    private final VideoJobs videos = adapter.videoJobs().orElseThrow();
    private final ImageGeneration images = adapter.imageGeneration().orElseThrow();

    private static byte[] prediction(String status, String output, String error) {
        return String.format(PREDICTION, output, error, status).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(UpstreamRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    @Test
    void replicate_makes_videos_and_images() {
        assertThat(adapter.id()).isEqualTo("replicate");
        assertThat(adapter.capabilities()).containsExactlyInAnyOrder(Capability.VIDEO_GENERATION, Capability.IMAGE_GENERATION);
        assertThat(videos.callbacks()).isTrue();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "google/veo-3,                       https://api.replicate.com/v1/models/google/veo-3/predictions,       ",
        "deployments/acme/veo,               https://api.replicate.com/v1/deployments/acme/veo/predictions,      ",
        "minimax/hailuo-02:5c7d5dc6dd8b,     https://api.replicate.com/v1/predictions,                           minimax/hailuo-02:5c7d5dc6dd8b",
        "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa, https://api.replicate.com/v1/predictions, 5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
    })
    void the_provider_model_names_where_predictions_are_created(String model, String uri, String version) {
        UpstreamRequest request = videos.submit(ENDPOINT, inbound("{\"prompt\":\"A fox\"}", model));

        assertThat(request.uri()).hasToString(uri);
        assertThat(text(request)).isEqualTo(version == null ? "{\"input\":{\"prompt\":\"A fox\"}}"
                : "{\"version\":\"" + version + "\",\"input\":{\"prompt\":\"A fox\"}}");
        assertThat(request.headers()).containsEntry("authorization", "Bearer r8_secret").doesNotContainKey("prefer");
    }

    @Test
    void video_fields_map_into_input_and_the_client_s_input_wins() {
        UpstreamRequest request = videos.submit(ENDPOINT, inbound("{\"model\":\"movies\",\"prompt\":\"A fox\",\"seconds\":\"8\","
                + "\"size\":\"1280x720\",\"input_reference\":\"https://x.test/fox.png\",\"input\":{\"negative_prompt\":\"blur\","
                + "\"resolution\":\"1080p\"}}", "google/veo-3"));
        ProviderEndpoint startImage = new ProviderEndpoint("p", "r", "replicate", URI.create("https://api.replicate.com/v1"), "k",
                Map.of("image_input", "first_frame_image"));

        assertThat(text(request)).isEqualTo("{\"input\":{\"prompt\":\"A fox\",\"duration\":8,\"aspect_ratio\":\"16:9\","
                + "\"resolution\":\"1080p\",\"image\":\"https://x.test/fox.png\",\"negative_prompt\":\"blur\"}}");
        assertThat(text(videos.submit(startImage, inbound("{\"prompt\":\"p\",\"input_reference\":\"https://x.test/a.png\"}",
                "minimax/hailuo-02")))).contains("\"first_frame_image\":\"https://x.test/a.png\"");
        assertThatThrownBy(() -> videos.submit(ENDPOINT, inbound("{\"input\":3}", "google/veo-3")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("input"));
    }

    @Test
    void a_callback_url_becomes_a_webhook_for_start_and_completion() {
        UpstreamRequest request = videos.submit(ENDPOINT, inbound("{\"prompt\":\"A fox\"}", "google/veo-3"),
                URI.create("https://gateway.test/hooks/replicate/job_1?sig=abc"));

        assertThat(text(request)).isEqualTo("{\"input\":{\"prompt\":\"A fox\"},\"webhook\":"
                + "\"https://gateway.test/hooks/replicate/job_1?sig=abc\",\"webhook_events_filter\":[\"start\",\"completed\"]}");
    }

    @Test
    void statuses_outputs_and_units_from_predictions() {
        assertThat(videos.submitted(prediction("starting", "null", "null"))).isEqualTo("gm3qorzdhgbfurvjtvhg6dckhu");
        assertThat(videos.status(prediction("starting", "null", "null")).state()).isEqualTo(State.QUEUED);
        VideoStatus running = videos.status(prediction("processing", "null", "null"));
        assertThat(running.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(running.progress()).isEmpty();

        VideoStatus single = videos.status(prediction("succeeded", "\"https://replicate.delivery/xezq/abc/output.mp4\"", "null"));
        VideoStatus list = videos.status(prediction("succeeded", "[\"https://replicate.delivery/xezq/abc/0.mp4\"]", "null"));

        assertThat(single.state()).isEqualTo(State.COMPLETED);
        assertThat(single.resultUrl()).hasToString("https://replicate.delivery/xezq/abc/output.mp4");
        assertThat(list.resultUrl()).hasToString("https://replicate.delivery/xezq/abc/0.mp4");
        assertThat(single.media().videoSeconds()).isEqualTo(8);
        assertThat(single.media().videoResolution()).isEqualTo("1280x720");
        assertThat(videos.download(ENDPOINT, "gm3", single, VideoJobs.Asset.VIDEO).headers()).isEmpty();
    }

    @Test
    void failed_and_canceled_predictions_carry_the_reason() {
        VideoStatus failed = videos.status(prediction("failed", "null", "\"CUDA out of memory\""));
        VideoStatus canceled = videos.status(prediction("canceled", "null", "null"));

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure().message()).isEqualTo("CUDA out of memory");
        assertThat(canceled.state()).isEqualTo(State.FAILED);
        assertThat(canceled.failure().code()).isEqualTo("canceled");
        assertThatThrownBy(() -> videos.status("{\"status\":\"succeeded\"}".getBytes())).isInstanceOf(ProviderException.class);
    }

    @Test
    void polls_and_cancels() {
        UpstreamRequest poll = videos.poll(ENDPOINT, "gm3qorzdhgbfurvjtvhg6dckhu");
        UpstreamRequest cancel = videos.cancel(ENDPOINT, "gm3qorzdhgbfurvjtvhg6dckhu").orElseThrow();

        assertThat(poll.uri()).hasToString("https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu");
        assertThat(cancel.method()).isEqualTo("POST");
        assertThat(cancel.uri()).hasToString("https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu/cancel");
    }

    // --- images

    @Test
    void an_image_request_waits_for_its_prediction() {
        UpstreamRequest request = images.generate(ENDPOINT, inbound("{\"model\":\"pictures\",\"prompt\":\"A lighthouse\",\"n\":2,"
                + "\"size\":\"1792x1024\",\"response_format\":\"url\"}", "black-forest-labs/flux-schnell"));

        assertThat(request.uri()).hasToString("https://api.replicate.com/v1/models/black-forest-labs/flux-schnell/predictions");
        assertThat(request.headers()).containsEntry("prefer", "wait");
        assertThat(text(request)).isEqualTo("{\"input\":{\"prompt\":\"A lighthouse\",\"num_outputs\":2,\"aspect_ratio\":\"7:4\"}}");
    }

    @Test
    void image_outputs_become_urls_or_b64_json() {
        ImageGeneration.Answer answer = images.answer(new ImageGeneration.Options("flux", 2, "1024x1024", null, "url"),
                String.format(PREDICTION, "[\"https://replicate.delivery/a/out-0.webp\",\"data:image/png;base64,iVBORw0K\"]",
                        "null", "succeeded").getBytes(StandardCharsets.UTF_8));

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"created\":" + CLOCK.instant().getEpochSecond()
                + ",\"data\":[{\"url\":\"https://replicate.delivery/a/out-0.webp\"},{\"b64_json\":\"iVBORw0K\"}]}");
        assertThat(answer.media().images()).isEqualTo(2);
        assertThat(answer.media().imageSize()).isEqualTo("1024x1024");
    }

    @Test
    void unfinished_failed_and_nsfw_image_predictions_are_failures() {
        ImageGeneration.Options options = new ImageGeneration.Options("flux", 1, null, null, null);

        assertThatThrownBy(() -> images.answer(options, prediction("processing", "null", "null")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                    assertThat(e.error().message()).contains("gm3qorzdhgbfurvjtvhg6dckhu");
                });
        assertThatThrownBy(() -> images.answer(options, prediction("failed", "null",
                "\"All generated images contained NSFW content. Try running it again with a different prompt.\"")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED));
        assertThatThrownBy(() -> images.answer(options, prediction("failed", "null", "\"prompt too long\"")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNPROCESSABLE));
    }

    @Test
    void an_edit_sends_the_image_and_mask_as_data_urls() {
        MultipartForm form = new MultipartForm(List.of(FormPart.file("image", "a.png", "image/png", new byte[] {1, 2, 3}),
                FormPart.file("mask", "m.png", "image/png", new byte[] {4}), FormPart.field("prompt", "add a hat")));

        UpstreamRequest request = images.edit(ENDPOINT, form, "black-forest-labs/flux-kontext-pro");

        assertThat(text(request)).isEqualTo("{\"input\":{\"prompt\":\"add a hat\",\"image\":\"data:image/png;base64,AQID\","
                + "\"mask\":\"data:image/png;base64,BA==\"}}");
        assertThat(request.headers()).containsEntry("prefer", "wait");
    }
}
