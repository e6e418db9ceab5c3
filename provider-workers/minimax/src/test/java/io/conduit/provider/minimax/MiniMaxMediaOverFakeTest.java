package io.conduit.provider.minimax;

import static io.conduit.provider.testkit.media.MediaHarness.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import io.conduit.provider.testkit.media.MediaHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MiniMax video and speech through the adapter, over HTTP, against {@link FakeMiniMaxMedia}. */
class MiniMaxMediaOverFakeTest {

    private static final String KEY = "mm-test-key";
    private static final String VIDEO = "{\"model\":\"movies\",\"prompt\":\"A kite over the sea\",\"seconds\":\"6\",\"size\":\"1366x768\"}";
    private static final String SPEECH = "{\"model\":\"voice\",\"input\":\"Hello from the fake MiniMax.\","
            + "\"voice\":\"Wise_Woman\",\"response_format\":\"mp3\"}";

    private final FakeMiniMaxMedia fake = new FakeMiniMaxMedia(KEY);
    private final MediaHarness harness = harness(KEY);

    @AfterEach
    void stop() {
        fake.close();
    }

    private MediaHarness harness(String key) {
        return new MediaHarness(MiniMaxAdapter.create(), new ProviderEndpoint("p", "minimax", "minimax", fake.baseUrl(), key));
    }

    @Test
    void a_video_is_submitted_once_polled_located_and_downloaded_from_the_signed_url() {
        fake.jobs().pollsAdvance(false);
        String task = harness.submit(inbound(VIDEO, "MiniMax-Hailuo-02"));
        VideoStatus queued = harness.poll(task);
        fake.jobs().advance(task, 1);
        VideoStatus running = harness.poll(task);
        fake.jobs().finish(task);
        VideoStatus done = harness.poll(task);
        byte[] video = harness.download(task, done);

        assertThat(queued.state()).isEqualTo(State.QUEUED);
        assertThat(running.state()).isEqualTo(State.IN_PROGRESS);
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(done.resolution()).isEqualTo("1366x768");
        assertThat(video).hasSize(2 * 1024 * 1024).isEqualTo(fake.fileBytes(done.resultFile()));
        assertThat(fake.jobs().submissions()).hasSize(1);
        assertThat(fake.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "POST /v1/video_generation", "GET /v1/query/video_generation", "GET /v1/query/video_generation",
                "GET /v1/query/video_generation", "GET /v1/files/retrieve", "GET /cdn/" + done.resultFile() + ".mp4");
        assertThat(fake.requests().getLast().header("authorization")).isEmpty();
    }

    @Test
    void without_locating_the_file_is_read_through_the_api() {
        String task = harness.submit(inbound(VIDEO, "MiniMax-Hailuo-02"));
        VideoStatus done = harness.pollUntilDone(task, 5);

        byte[] video = MediaHarness.send(MiniMaxAdapter.create().videoJobs().orElseThrow().download(
                new ProviderEndpoint("p", "minimax", "minimax", fake.baseUrl(), KEY), task, done, VideoJobs.Asset.VIDEO)).body();

        assertThat(video).isEqualTo(fake.fileBytes(done.resultFile()));
    }

    @Test
    void a_failed_task_reports_minimax_s_code() {
        fake.jobs().stepsToFinish(2).failNext("1027", "output new_sensitive");

        VideoStatus failed = harness.pollUntilDone(harness.submit(inbound(VIDEO, "MiniMax-Hailuo-02")), 3);

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure().code()).isEqualTo("1027");
        assertThat(failed.failure().message()).isEqualTo("output new_sensitive");
    }

    @Test
    void errors_with_http_200_are_failures_of_their_kind() {
        assertThatThrownBy(() -> harness("wrong").submit(inbound(VIDEO, "MiniMax-Hailuo-02")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
        assertThatThrownBy(() -> harness.submit(inbound("{\"prompt\":\"p\",\"seconds\":7}", "MiniMax-Hailuo-02")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST));
        fake.failInBand(1008);
        assertThatThrownBy(() -> harness.speak(inbound(SPEECH, "speech-02-hd")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
                    assertThat(e.upstreamStatus()).isEqualTo(402);
                });
        assertThat(fake.jobs().submissions()).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"400, BAD_REQUEST", "401, AUTHENTICATION", "429, RATE_LIMITED", "500, SERVER_ERROR", "502, SERVER_ERROR",
            "503, OVERLOADED", "504, TIMEOUT"})
    void gateway_errors_map_to_their_kind(int status, Kind kind) {
        fake.fail(status);

        assertThatThrownBy(() -> harness.submit(inbound(VIDEO, "MiniMax-Hailuo-02")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    @Test
    void speech_comes_back_as_the_decoded_audio() {
        MediaHarness.Spoken spoken = harness.speak(inbound(SPEECH, "speech-02-hd"));

        assertThat(spoken.providerContentType()).startsWith("application/json");
        assertThat(spoken.answer().contentType()).isEqualTo("audio/mpeg");
        assertThat(spoken.audio()).isEqualTo(FakeMiniMaxMedia.audioFor("Hello from the fake MiniMax.", "mp3"));
        assertThat(spoken.answer().media().speechCharacters()).isEqualTo(28);
    }

    @Test
    void an_unknown_voice_is_minimax_s_in_band_error() {
        assertThatThrownBy(() -> harness.speak(inbound(SPEECH.replace("Wise_Woman", "alloy"), "speech-02-hd")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
                    assertThat(e.error().code()).isEqualTo("20132");
                });
    }
}
