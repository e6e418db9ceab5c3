package io.conduit.provider.runway;

import static io.conduit.provider.testkit.media.MediaHarness.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.Capability;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runway request mapping and task parsing, against bodies from Runway's API reference. */
class RunwayVideosTest {

    private static final ProviderEndpoint ENDPOINT =
            new ProviderEndpoint("p", "runway", "runway", URI.create("https://api.dev.runwayml.com/v1"), "key_secret");
    private final VideoJobs runway = RunwayAdapter.create().videoJobs().orElseThrow();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(UpstreamRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    @Test
    void runway_makes_videos_only() {
        assertThat(RunwayAdapter.create().id()).isEqualTo("runway");
        assertThat(RunwayAdapter.create().capabilities()).containsExactly(Capability.VIDEO_GENERATION);
    }

    @Test
    void a_request_with_an_image_goes_to_image_to_video() {
        UpstreamRequest request = runway.submit(ENDPOINT, inbound("{\"model\":\"movies\",\"prompt\":\"A timelapse with clouds\","
                + "\"seconds\":\"5\",\"size\":\"1280x720\",\"input_reference\":\"https://example.test/bunny.jpg\"}", "gen4_turbo"));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString("https://api.dev.runwayml.com/v1/image_to_video");
        assertThat(request.headers()).containsEntry("authorization", "Bearer key_secret")
                .containsEntry("x-runway-version", "2024-11-06").containsEntry("content-type", "application/json");
        assertThat(text(request)).isEqualTo("{\"model\":\"gen4_turbo\",\"promptImage\":\"https://example.test/bunny.jpg\","
                + "\"promptText\":\"A timelapse with clouds\",\"ratio\":\"1280:720\",\"duration\":5}");
    }

    @Test
    void a_request_without_an_image_goes_to_text_to_video_with_the_default_ratio() {
        UpstreamRequest request = runway.submit(ENDPOINT, inbound("{\"prompt\":\"A cat in a hat\"}", "veo3.1"));

        assertThat(request.uri()).hasToString("https://api.dev.runwayml.com/v1/text_to_video");
        assertThat(text(request)).isEqualTo("{\"model\":\"veo3.1\",\"promptText\":\"A cat in a hat\",\"ratio\":\"1280:720\"}");
        assertThatThrownBy(() -> runway.submit(ENDPOINT, inbound("{\"seconds\":5}", "veo3.1")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("prompt"));
    }

    @Test
    void the_api_version_can_be_configured() {
        ProviderEndpoint newer = new ProviderEndpoint("p", "runway", "runway", URI.create("https://api.dev.runwayml.com/v1"), "k",
                Map.of("api_version", "2025-01-01"));

        assertThat(runway.poll(newer, "t").headers()).containsEntry("x-runway-version", "2025-01-01");
    }

    @Test
    void task_ids_polls_and_cancels() {
        assertThat(runway.submitted(utf8("{\"id\":\"497f6eca-6276-4993-bfeb-53cbbbba6f08\"}")))
                .isEqualTo("497f6eca-6276-4993-bfeb-53cbbbba6f08");
        UpstreamRequest poll = runway.poll(ENDPOINT, "497f6eca-6276-4993-bfeb-53cbbbba6f08");
        UpstreamRequest cancel = runway.cancel(ENDPOINT, "497f6eca-6276-4993-bfeb-53cbbbba6f08").orElseThrow();

        assertThat(poll.method()).isEqualTo("GET");
        assertThat(poll.uri()).hasToString("https://api.dev.runwayml.com/v1/tasks/497f6eca-6276-4993-bfeb-53cbbbba6f08");
        assertThat(poll.headers()).doesNotContainKey("content-type");
        assertThat(cancel.method()).isEqualTo("DELETE");
        assertThat(cancel.uri()).isEqualTo(poll.uri());
        assertThatThrownBy(() -> runway.submitted(utf8("{}"))).isInstanceOf(ProviderException.Retriable.class);
    }

    @Test
    void statuses_progress_and_the_output_url() {
        String base = "{\"id\":\"t\",\"createdAt\":\"2024-06-27T19:49:32.334Z\",";

        assertThat(runway.status(utf8(base + "\"status\":\"PENDING\"}")).state()).isEqualTo(State.QUEUED);
        assertThat(runway.status(utf8(base + "\"status\":\"THROTTLED\"}")).state()).isEqualTo(State.QUEUED);
        VideoStatus running = runway.status(utf8(base + "\"status\":\"RUNNING\",\"progress\":0.42}"));
        assertThat(running.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(running.progress()).hasValue(42);
        assertThat(runway.status(utf8(base + "\"status\":\"RUNNING\"}")).progress()).isEmpty();
        VideoStatus done = runway.status(utf8(base + "\"status\":\"SUCCEEDED\",\"output\":[\"https://dnznrvs05pmza.cloudfront.net/"
                + "output.mp4?_jwt=abc\"]}"));
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(done.resultUrl()).hasToString("https://dnznrvs05pmza.cloudfront.net/output.mp4?_jwt=abc");
        assertThat(runway.download(ENDPOINT, "t", done, VideoJobs.Asset.VIDEO).headers()).isEmpty();
    }

    @Test
    void failures_carry_runway_s_reason_and_code_and_cancelled_tasks_fail() {
        VideoStatus failed = runway.status(utf8("{\"id\":\"t\",\"status\":\"FAILED\",\"failure\":\"Your prompt was flagged by our "
                + "content moderation system.\",\"failureCode\":\"SAFETY.INPUT.TEXT\"}"));
        VideoStatus cancelled = runway.status(utf8("{\"id\":\"t\",\"status\":\"CANCELLED\"}"));

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure().code()).isEqualTo("SAFETY.INPUT.TEXT");
        assertThat(failed.failure().message()).startsWith("Your prompt was flagged");
        assertThat(cancelled.state()).isEqualTo(State.FAILED);
        assertThat(cancelled.failure().code()).isEqualTo("CANCELLED");
        assertThatThrownBy(() -> runway.status(utf8("{\"status\":\"SUCCEEDED\",\"output\":[]}")))
                .isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> runway.status(utf8("{\"status\":\"EXPLODED\"}"))).isInstanceOf(ProviderException.class);
    }

    @Test
    void requested_units_fill_in_runway_s_defaults() {
        assertThat(runway.requested(inbound("{\"prompt\":\"p\"}", "gen4_turbo")).videoSeconds()).isEqualTo(10);
        assertThat(runway.requested(inbound("{\"prompt\":\"p\"}", "veo3.1")).videoSeconds()).isEqualTo(8);
        assertThat(runway.requested(inbound("{\"prompt\":\"p\",\"size\":\"720x1280\",\"seconds\":\"5\"}", "gen4_turbo")))
                .satisfies(u -> {
                    assertThat(u.videoSeconds()).isEqualTo(5);
                    assertThat(u.videoResolution()).isEqualTo("720x1280");
                });
    }
}
