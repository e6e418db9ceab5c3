package io.conduit.provider.runway;

import static io.conduit.provider.testkit.media.MediaHarness.inbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.VideoStatus.State;
import io.conduit.provider.testkit.media.MediaHarness;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runway through the adapter, over HTTP, against {@link FakeRunway}. */
class RunwayOverFakeTest {

    private static final String KEY = "key_test";
    private static final String VIDEO = "{\"model\":\"movies\",\"prompt\":\"Waves at dusk\",\"seconds\":\"5\",\"size\":\"1280x720\","
            + "\"input_reference\":\"https://example.test/beach.jpg\"}";

    private final FakeRunway fake = new FakeRunway(KEY);
    private final MediaHarness harness = harness(KEY);

    @AfterEach
    void stop() {
        fake.close();
    }

    private MediaHarness harness(String key) {
        return new MediaHarness(RunwayAdapter.create(), new ProviderEndpoint("p", "runway", "runway", fake.baseUrl(), key));
    }

    @Test
    void a_video_is_submitted_once_reports_progress_and_is_downloaded_from_its_output_url() {
        fake.jobs().stepsToFinish(4).pollsAdvance(false);
        fake.throttle(true);

        String task = harness.submit(inbound(VIDEO, "gen4_turbo"));
        VideoStatus throttled = harness.poll(task);
        fake.jobs().advance(task, 1);
        VideoStatus quarter = harness.poll(task);
        fake.jobs().advance(task, 2);
        VideoStatus threeQuarters = harness.poll(task);
        fake.jobs().finish(task);
        VideoStatus done = harness.poll(task);
        byte[] video = harness.download(task, done);

        assertThat(throttled.state()).isEqualTo(State.QUEUED);
        assertThat(quarter.progress()).hasValue(25);
        assertThat(threeQuarters.progress()).hasValue(75);
        assertThat(done.state()).isEqualTo(State.COMPLETED);
        assertThat(video).hasSize(2 * 1024 * 1024).isEqualTo(fake.outputBytes(task));
        assertThat(fake.jobs().submissions()).hasSize(1);
        assertThat(fake.jobs().submissions().getFirst().request().path()).isEqualTo("/v1/image_to_video");
        assertThat(fake.requests().getLast().header("authorization")).isEmpty();
    }

    @Test
    void a_moderated_task_fails_with_runway_s_code() {
        fake.jobs().stepsToFinish(2).failNext("SAFETY.INPUT.TEXT", "Your prompt was flagged by our content moderation system.");

        VideoStatus failed = harness.pollUntilDone(harness.submit(inbound(VIDEO, "gen4_turbo")), 3);

        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.failure().code()).isEqualTo("SAFETY.INPUT.TEXT");
    }

    @Test
    void a_cancelled_task_reports_cancelled_and_an_ended_one_is_deleted() {
        fake.jobs().stepsToFinish(5);
        String running = harness.submit(inbound(VIDEO, "gen4_turbo"));
        harness.poll(running);

        assertThat(harness.cancel(running).status()).isEqualTo(204);
        VideoStatus cancelled = harness.poll(running);
        assertThat(cancelled.state()).isEqualTo(State.FAILED);
        assertThat(cancelled.failure().code()).isEqualTo("CANCELLED");

        assertThat(harness.cancel(running).status()).isEqualTo(204);
        assertThatThrownBy(() -> harness.poll(running))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
        assertThat(fake.requests()).filteredOn(r -> r.method().equals("DELETE")).hasSize(2);
    }

    @Test
    void bad_keys_and_invalid_bodies_are_refused_without_a_task() {
        assertThatThrownBy(() -> harness("wrong").submit(inbound(VIDEO, "gen4_turbo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
        assertThatThrownBy(() -> harness.submit(inbound(VIDEO.replace("1280x720", "1000x1000"), "gen4_turbo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
                    assertThat(e.error().param()).isEqualTo("ratio");
                });
        assertThat(fake.jobs().submissions()).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"400, BAD_REQUEST", "401, AUTHENTICATION", "404, NOT_FOUND", "429, RATE_LIMITED", "500, SERVER_ERROR",
            "502, OVERLOADED", "503, OVERLOADED", "504, TIMEOUT"})
    void every_documented_status_maps_to_its_kind(int status, Kind kind) {
        fake.fail(status);

        assertThatThrownBy(() -> harness.submit(inbound(VIDEO, "gen4_turbo")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    if (status == 429) {
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
                    }
                });
    }
}
