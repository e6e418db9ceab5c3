package io.conduit.provider.minimax;

import static io.conduit.provider.testkit.media.MediaHarness.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.Capability;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** MiniMax video (Hailuo task API) and speech (T2A v2) mapping, against bodies from MiniMax's reference. */
class MiniMaxMediaTest {

    private static final ProviderEndpoint ENDPOINT =
            new ProviderEndpoint("p", "minimax", "minimax", URI.create("https://api.minimax.io/v1"), "mm-secret");

    private final MiniMaxAdapter adapter = MiniMaxAdapter.create();
    private final VideoJobs videos = adapter.videoJobs().orElseThrow();
    private final Speech speech = adapter.speech().orElseThrow();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(UpstreamRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    @Test
    void minimax_offers_chat_video_and_speech() {
        assertThat(adapter.capabilities()).containsExactlyInAnyOrder(Capability.CHAT_COMPLETIONS, Capability.CHAT_STREAMING,
                Capability.VIDEO_GENERATION, Capability.SPEECH);
    }

    @Test
    void a_video_request_becomes_a_video_generation_task() {
        UpstreamRequest request = videos.submit(ENDPOINT, inbound("{\"model\":\"movies\",\"prompt\":\"A man picks up a book "
                + "[Pedestal up]\",\"seconds\":\"6\",\"size\":\"1920x1080\",\"input_reference\":\"https://cdn.test/first.jpg\"}",
                "MiniMax-Hailuo-02"));

        assertThat(request.uri()).hasToString("https://api.minimax.io/v1/video_generation");
        assertThat(request.headers()).containsEntry("authorization", "Bearer mm-secret");
        assertThat(text(request)).isEqualTo("{\"model\":\"MiniMax-Hailuo-02\",\"prompt\":\"A man picks up a book [Pedestal up]\","
                + "\"duration\":6,\"resolution\":\"1080P\",\"first_frame_image\":\"https://cdn.test/first.jpg\"}");
    }

    @Test
    void sizes_minimax_cannot_make_are_refused() {
        assertThatThrownBy(() -> videos.submit(ENDPOINT, inbound("{\"prompt\":\"p\",\"size\":\"720x1280\"}", "MiniMax-Hailuo-02")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("size"));
        assertThatThrownBy(() -> videos.submit(ENDPOINT, inbound("{\"prompt\":\"p\",\"size\":\"1024x1024\"}", "MiniMax-Hailuo-02")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST));
    }

    @Test
    void task_id_statuses_and_the_file_of_a_finished_task() {
        assertThat(videos.submitted(utf8("{\"task_id\":\"106916112212032\",\"base_resp\":{\"status_code\":0,\"status_msg\":"
                + "\"success\"}}"))).isEqualTo("106916112212032");
        assertThat(videos.poll(ENDPOINT, "106916112212032").uri())
                .hasToString("https://api.minimax.io/v1/query/video_generation?task_id=106916112212032");

        assertThat(videos.status(utf8("{\"task_id\":\"1\",\"status\":\"Preparing\",\"file_id\":\"\",\"base_resp\":"
                + "{\"status_code\":0,\"status_msg\":\"success\"}}")).state()).isEqualTo(State.QUEUED);
        assertThat(videos.status(utf8("{\"task_id\":\"1\",\"status\":\"Queueing\",\"base_resp\":{\"status_code\":0}}")).state())
                .isEqualTo(State.QUEUED);
        VideoStatus running = videos.status(utf8("{\"task_id\":\"1\",\"status\":\"Processing\",\"base_resp\":{\"status_code\":0}}"));
        assertThat(running.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(running.progress()).isEmpty();

        VideoStatus done = videos.status(utf8("{\"task_id\":\"1\",\"status\":\"Success\",\"file_id\":\"205258526306433\","
                + "\"video_width\":1920,\"video_height\":1080,\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}"));
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(done.resultFile()).isEqualTo("205258526306433");
        assertThat(done.resolution()).isEqualTo("1920x1080");
        assertThat(done.resultUrl()).isNull();
    }

    @Test
    void a_finished_file_is_located_then_fetched_without_the_key_or_read_through_the_api() {
        VideoStatus done = new VideoStatus(State.COMPLETED, 100, null, null, 0, "1920x1080", "205258526306433");

        UpstreamRequest locate = videos.locate(ENDPOINT, done).orElseThrow();
        VideoStatus located = videos.located(done, utf8("{\"file\":{\"file_id\":205258526306433,\"bytes\":0,\"created_at\":"
                + "1700469398,\"filename\":\"output_aigc.mp4\",\"purpose\":\"video_generation\",\"download_url\":"
                + "\"https://cdn.minimax.test/output.mp4?Signature=x\"},\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}"));
        UpstreamRequest signed = videos.download(ENDPOINT, "1", located, VideoJobs.Asset.VIDEO);
        UpstreamRequest direct = videos.download(ENDPOINT, "1", done, VideoJobs.Asset.VIDEO);

        assertThat(locate.uri()).hasToString("https://api.minimax.io/v1/files/retrieve?file_id=205258526306433");
        assertThat(signed.uri()).hasToString("https://cdn.minimax.test/output.mp4?Signature=x");
        assertThat(signed.headers()).isEmpty();
        assertThat(direct.uri()).hasToString("https://api.minimax.io/v1/files/retrieve_content?file_id=205258526306433");
        assertThat(direct.headers()).containsEntry("authorization", "Bearer mm-secret");
        assertThat(videos.locate(ENDPOINT, located)).isEmpty();
    }

    @Test
    void a_failed_task_carries_minimax_s_reason_and_other_codes_are_errors() {
        VideoStatus failed = videos.status(utf8("{\"task_id\":\"1\",\"status\":\"Fail\",\"file_id\":\"\",\"base_resp\":"
                + "{\"status_code\":1027,\"status_msg\":\"output new_sensitive\"}}"));

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure().code()).isEqualTo("1027");
        assertThat(failed.failure().message()).isEqualTo("output new_sensitive");
        assertThatThrownBy(() -> videos.status(utf8("{\"base_resp\":{\"status_code\":1004,\"status_msg\":\"login fail\"}}")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                    assertThat(e.upstreamStatus()).isEqualTo(401);
                });
        assertThatThrownBy(() -> videos.submitted(utf8("{\"task_id\":\"\",\"base_resp\":{\"status_code\":1008,\"status_msg\":"
                + "\"insufficient balance\"}}")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED));
    }

    @Test
    void requested_units_fill_in_minimax_s_defaults() {
        assertThat(videos.requested(inbound("{\"prompt\":\"p\"}", "MiniMax-Hailuo-02")).videoSeconds()).isEqualTo(6);
        assertThat(videos.requested(inbound("{\"prompt\":\"p\"}", "MiniMax-Hailuo-02")).videoResolution()).isEqualTo("1366x768");
        assertThat(videos.requested(inbound("{\"prompt\":\"p\"}", "T2V-01")).videoResolution()).isEqualTo("1280x720");
        assertThat(videos.cancel(ENDPOINT, "1")).isEmpty();
    }

    // --- speech

    @Test
    void a_speech_request_becomes_a_t2a_v2_request_for_hex_audio() {
        InboundCall call = inbound("{\"model\":\"voice\",\"input\":\"Omg, the real danger is not that computers start thinking "
                + "like people.\",\"voice\":\"English_expressive_narrator\",\"response_format\":\"pcm\",\"speed\":3.5,"
                + "\"instructions\":\"cheerful\"}", "speech-2.8-hd");

        UpstreamRequest request = speech.request(ENDPOINT, call);

        assertThat(request.uri()).hasToString("https://api.minimax.io/v1/t2a_v2");
        assertThat(text(request)).isEqualTo("{\"model\":\"speech-2.8-hd\",\"text\":\"Omg, the real danger is not that computers "
                + "start thinking like people.\",\"stream\":false,\"voice_setting\":{\"voice_id\":\"English_expressive_narrator\","
                + "\"speed\":2.0},\"audio_setting\":{\"format\":\"pcm\",\"sample_rate\":24000,\"channel\":1},\"output_format\":\"hex\"}");
        assertThat(speech.answer(call, h -> "application/json").contentType()).isEqualTo("audio/pcm");
        assertThat(speech.answer(call, h -> null).media().speechCharacters()).isEqualTo(70);
        assertThat(speech.wrapsAudio()).isTrue();
    }

    @Test
    void formats_minimax_cannot_speak_are_refused() {
        assertThatThrownBy(() -> speech.request(ENDPOINT, inbound("{\"input\":\"hi\",\"voice\":\"Wise_Woman\",\"response_format\":"
                + "\"opus\"}", "speech-02-hd")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("response_format"));
        assertThatThrownBy(() -> speech.request(ENDPOINT, inbound("{\"input\":\"hi\"}", "speech-02-hd")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.error().param()).isEqualTo("voice"));
    }

    @Test
    void the_hex_audio_is_decoded_and_an_in_band_error_is_thrown() {
        byte[] audio = speech.audio(utf8("{\"data\":{\"audio\":\"494433040000\",\"status\":2},\"extra_info\":{\"audio_length\":"
                + "5746,\"audio_sample_rate\":32000,\"audio_size\":100845,\"bitrate\":128000,\"word_count\":13,"
                + "\"invisible_character_ratio\":0,\"usage_characters\":101,\"audio_format\":\"mp3\",\"audio_channel\":1},"
                + "\"trace_id\":\"01b8bf9bb7433cc75c18eee6cfa8fe21\",\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}"));

        assertThat(audio).containsExactly(0x49, 0x44, 0x33, 0x04, 0x00, 0x00);
        assertThatThrownBy(() -> speech.audio(utf8("{\"data\":null,\"base_resp\":{\"status_code\":1026,\"status_msg\":"
                + "\"input new_sensitive\"}}")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTERED));
        assertThatThrownBy(() -> speech.audio(utf8("{\"data\":{\"audio\":\"\"},\"base_resp\":{\"status_code\":0}}")))
                .isInstanceOf(ProviderException.Retriable.class);
    }
}
