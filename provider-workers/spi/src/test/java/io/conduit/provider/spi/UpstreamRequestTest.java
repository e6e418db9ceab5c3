package io.conduit.provider.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamRequestTest {

    private final URI uri = URI.create("https://api.example.test/v1/videos/video_1?variant=video");

    @Test
    void the_three_argument_form_is_a_post() {
        UpstreamRequest request = new UpstreamRequest(uri, Map.of("authorization", "Bearer sk-secret"), new byte[] {'{', '}'});

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.toString()).isEqualTo("UpstreamRequest[POST /v1/videos/video_1, 2 bytes]").doesNotContain("sk-secret");
    }

    @Test
    void a_get_has_an_empty_body() {
        UpstreamRequest request = UpstreamRequest.get(uri, Map.of("authorization", "Bearer sk-secret"));

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.body()).isEmpty();
        assertThat(request.toString()).doesNotContain("sk-secret");
    }

    @Test
    void refuses_other_methods() {
        assertThatThrownBy(() -> new UpstreamRequest("PATCH", uri, Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void video_status_progress_is_absent_unless_reported() {
        VideoStatus unknown = new VideoStatus(VideoStatus.State.QUEUED, -1, null, null, 0, null);
        VideoStatus half = new VideoStatus(VideoStatus.State.IN_PROGRESS, 50, null, null, 8, "1280x720");

        assertThat(unknown.progress()).isEmpty();
        assertThat(half.progress()).hasValue(50);
        assertThat(half.media().videoSeconds()).isEqualTo(8);
        assertThat(half.media().videoResolution()).isEqualTo("1280x720");
        assertThat(VideoStatus.State.FAILED.terminal()).isTrue();
        assertThat(VideoStatus.State.IN_PROGRESS.terminal()).isFalse();
    }
}
