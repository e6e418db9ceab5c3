package io.conduit.provider.gemini;

import static io.conduit.provider.testkit.media.MediaHarness.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import io.conduit.provider.spi.media.VideoSize;
import io.conduit.provider.testkit.media.MediaBytes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Veo and Imagen request mapping and answer parsing, against bodies shaped as the Gemini API documents them. */
class GeminiMediaTest {

    private static final ProviderEndpoint ENDPOINT = new ProviderEndpoint("p", "g", "gemini",
            URI.create("https://generativelanguage.googleapis.com/v1beta"), "AIza-secret");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T05:00:00Z"), ZoneOffset.UTC);

    private final GeminiAdapter adapter = GeminiAdapter.aiStudio(CLOCK);
    private final VideoJobs veo = adapter.videoJobs().orElseThrow();
    private final ImageGeneration imagen = adapter.imageGeneration().orElseThrow();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(UpstreamRequest request) {
        return GeminiJson.MAPPER.readTree(request.body());
    }

    @Test
    void vertex_offers_no_media() {
        assertThat(GeminiAdapter.vertexAi().videoJobs()).isEmpty();
        assertThat(GeminiAdapter.vertexAi().imageGeneration()).isEmpty();
    }

    // --- Veo

    @Test
    void a_video_request_becomes_a_long_running_prediction() {
        String png = java.util.Base64.getEncoder().encodeToString(MediaBytes.png(1, 64));
        UpstreamRequest request = veo.submit(ENDPOINT, inbound("{\"model\":\"videos\",\"prompt\":\"A calico cat on a piano\","
                + "\"seconds\":\"6\",\"size\":\"1920x1080\",\"input_reference\":\"data:image/png;base64," + png + "\"}",
                "veo-3.1-generate-preview"));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString(
                "https://generativelanguage.googleapis.com/v1beta/models/veo-3.1-generate-preview:predictLongRunning");
        assertThat(request.headers()).containsEntry("x-goog-api-key", "AIza-secret").containsEntry("content-type", "application/json");
        assertThat(json(request).toString()).isEqualTo("{\"instances\":[{\"prompt\":\"A calico cat on a piano\",\"image\":"
                + "{\"bytesBase64Encoded\":\"" + png + "\",\"mimeType\":\"image/png\"}}],\"parameters\":{\"aspectRatio\":\"16:9\","
                + "\"resolution\":\"1080p\",\"durationSeconds\":6}}");
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({"1280x720, 16:9, 720p", "720x1280, 9:16, 720p", "1080x1920, 9:16, 1080p", "3840x2160, 16:9, 4k"})
    void sizes_become_aspect_ratio_and_resolution(String size, String ratio, String resolution) {
        JsonNode body = json(veo.submit(ENDPOINT, inbound("{\"prompt\":\"p\",\"size\":\"" + size + "\"}", "veo-3.0-generate-001")));

        assertThat(body.path("parameters").path("aspectRatio").asString()).isEqualTo(ratio);
        assertThat(body.path("parameters").path("resolution").asString()).isEqualTo(resolution);
    }

    @Test
    void what_veo_cannot_make_is_refused_before_sending() {
        assertThatThrownBy(() -> veo.submit(ENDPOINT, inbound("{\"prompt\":\"p\",\"size\":\"1024x1024\"}", "veo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
                    assertThat(e.error().param()).isEqualTo("size");
                });
        assertThatThrownBy(() -> veo.submit(ENDPOINT, inbound("{\"prompt\":\"p\",\"input_reference\":\"https://x.test/a.png\"}", "veo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("input_reference"));
        assertThatThrownBy(() -> veo.submit(ENDPOINT, inbound("{\"seconds\":\"8\"}", "veo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("prompt"));
        assertThatThrownBy(() -> veo.submit(ENDPOINT, inbound("{\"prompt\":\"p\",\"seconds\":\"4.5\"}", "veo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("seconds"));
    }

    @Test
    void the_operation_name_is_the_task_and_is_polled_as_a_path() {
        String name = veo.submitted(utf8("{\"name\":\"models/veo-3.1-generate-preview/operations/abc123\"}"));
        UpstreamRequest poll = veo.poll(ENDPOINT, name);

        assertThat(name).isEqualTo("models/veo-3.1-generate-preview/operations/abc123");
        assertThat(poll.method()).isEqualTo("GET");
        assertThat(poll.uri()).hasToString(
                "https://generativelanguage.googleapis.com/v1beta/models/veo-3.1-generate-preview/operations/abc123");
        assertThat(poll.headers()).containsEntry("x-goog-api-key", "AIza-secret").doesNotContainKey("content-type");
        assertThatThrownBy(() -> veo.submitted(utf8("{}"))).isInstanceOf(ProviderException.Retriable.class);
    }

    @Test
    void a_running_operation_has_no_progress_and_a_done_one_names_its_file() {
        VideoStatus running = veo.status(utf8("{\"name\":\"models/veo/operations/abc\"}"));
        VideoStatus done = veo.status(utf8("{\"name\":\"models/veo/operations/abc\",\"done\":true,\"response\":{\"@type\":"
                + "\"type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse\",\"generateVideoResponse\":"
                + "{\"generatedSamples\":[{\"video\":{\"uri\":\"https://generativelanguage.googleapis.com/v1beta/files/f1:download"
                + "?alt=media\"}}]}}}"));

        assertThat(running.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(running.progress()).isEmpty();
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(done.resultUrl()).isNull();
        assertThat(done.resultFile()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/files/f1:download?alt=media");
    }

    @Test
    void the_file_is_fetched_with_the_key_only_from_the_configured_api() {
        VideoStatus done = new VideoStatus(State.COMPLETED, 100, null, null, 0, null,
                "https://generativelanguage.googleapis.com/v1beta/files/f1:download?alt=media");
        VideoStatus elsewhere = new VideoStatus(State.COMPLETED, 100, null, null, 0, null, "https://storage.test/f1.mp4");

        UpstreamRequest download = veo.download(ENDPOINT, "models/veo/operations/abc", done, VideoJobs.Asset.VIDEO);
        UpstreamRequest foreign = veo.download(ENDPOINT, "models/veo/operations/abc", elsewhere, VideoJobs.Asset.VIDEO);

        assertThat(download.uri()).hasToString("https://generativelanguage.googleapis.com/v1beta/files/f1:download?alt=media");
        assertThat(download.headers()).containsEntry("x-goog-api-key", "AIza-secret");
        assertThat(foreign.headers()).isEmpty();
        assertThatThrownBy(() -> veo.download(ENDPOINT, "t", done, VideoJobs.Asset.THUMBNAIL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failed_and_filtered_operations_carry_google_s_reason() {
        VideoStatus failed = veo.status(utf8("{\"name\":\"n\",\"done\":true,\"error\":{\"code\":3,\"message\":"
                + "\"The prompt could not be submitted.\"}}"));
        VideoStatus filtered = veo.status(utf8("{\"name\":\"n\",\"done\":true,\"response\":{\"generateVideoResponse\":"
                + "{\"raiMediaFilteredCount\":1,\"raiMediaFilteredReasons\":[\"The video could not be generated: it may "
                + "depict a real person.\"]}}}"));

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure().message()).isEqualTo("The prompt could not be submitted.");
        assertThat(failed.failure().code()).isEqualTo("3");
        assertThat(filtered.state()).isEqualTo(State.FAILED);
        assertThat(filtered.failure().code()).isEqualTo("content_filter");
        assertThat(filtered.failure().message()).contains("real person");
        assertThatThrownBy(() -> veo.status(utf8("{\"done\":true,\"response\":{}}"))).isInstanceOf(ProviderException.class);
    }

    @Test
    void requested_units_fill_in_veo_s_defaults() {
        assertThat(veo.requested(inbound("{\"prompt\":\"p\"}", "veo")).videoSeconds()).isEqualTo(8);
        assertThat(veo.requested(inbound("{\"prompt\":\"p\"}", "veo")).videoResolution()).isEqualTo("1280x720");
        assertThat(veo.requested(inbound("{\"prompt\":\"p\",\"seconds\":4,\"size\":\"720x1280\"}", "veo")).videoSeconds()).isEqualTo(4);
        assertThat(veo.cancel(ENDPOINT, "n")).isEmpty();
    }

    // --- Imagen

    @Test
    void an_image_request_becomes_an_imagen_prediction() {
        UpstreamRequest request = imagen.generate(ENDPOINT, inbound("{\"model\":\"pictures\",\"prompt\":\"Robot holding a red "
                + "skateboard\",\"n\":2,\"size\":\"1536x1024\",\"quality\":\"hd\",\"response_format\":\"url\"}", "imagen-4.0-generate-001"));

        assertThat(request.uri()).hasToString("https://generativelanguage.googleapis.com/v1beta/models/imagen-4.0-generate-001:predict");
        assertThat(json(request).toString()).isEqualTo("{\"instances\":[{\"prompt\":\"Robot holding a red skateboard\"}],"
                + "\"parameters\":{\"sampleCount\":2,\"aspectRatio\":\"4:3\",\"imageSize\":\"2K\"}}");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"1024x1024, 1:1", "1792x1024, 16:9", "1024x1792, 9:16", "1024x1536, 3:4", "1536x1024, 4:3"})
    void sizes_become_the_nearest_imagen_ratio(String size, String ratio) {
        assertThat(GeminiImages.nearestRatio(VideoSize.parse(size, "size"))).isEqualTo(ratio);
    }

    @Test
    void imagen_predictions_become_b64_json_images() {
        ImageGeneration.Answer answer = imagen.answer(new ImageGeneration.Options("imagen-4.0-generate-001", 2, null, null, "url"),
                utf8("{\"predictions\":[{\"mimeType\":\"image/png\",\"bytesBase64Encoded\":\"iVBORw0K\"},"
                        + "{\"mimeType\":\"image/png\",\"bytesBase64Encoded\":\"iVBORw0L\"}]}"));

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"created\":" + CLOCK.instant().getEpochSecond()
                + ",\"data\":[{\"b64_json\":\"iVBORw0K\"},{\"b64_json\":\"iVBORw0L\"}]}");
        assertThat(answer.media().images()).isEqualTo(2);
        assertThat(answer.media().imageSize()).isEqualTo("1024x1024");
    }

    @Test
    void withheld_images_fail_as_content_filtered_and_edits_are_refused() {
        assertThatThrownBy(() -> imagen.answer(new ImageGeneration.Options("imagen", 1, null, null, null),
                utf8("{\"predictions\":[{\"raiFilteredReason\":\"Your prompt may violate our policies.\"}]}")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED);
                    assertThat(e.error().message()).contains("violate");
                });
        assertThatThrownBy(() -> imagen.answer(new ImageGeneration.Options("imagen", 1, null, null, null), utf8("{}")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED));
        assertThatThrownBy(() -> imagen.edit(ENDPOINT, new io.conduit.provider.spi.MultipartForm(java.util.List.of()), "imagen"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST));
        assertThatThrownBy(() -> imagen.generate(ENDPOINT, inbound("{\"prompt\":\"p\",\"n\":5}", "imagen")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("n"));
    }
}
