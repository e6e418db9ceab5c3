package io.conduit.provider.testkit.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.media.FakeJobs.Phase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeJobsTest {

    private static CapturedRequest request(String body) {
        return new CapturedRequest("POST", "/v1/jobs", Map.of(), body.getBytes());
    }

    @Test
    void a_job_is_queued_runs_and_succeeds_one_poll_per_step() {
        FakeJobs jobs = new FakeJobs().stepsToFinish(3);
        jobs.submit("a", request("{\"prompt\":\"x\"}"));

        assertThat(jobs.peek("a").orElseThrow().phase()).isEqualTo(Phase.QUEUED);
        assertThat(List.of(jobs.poll("a").orElseThrow().phase(), jobs.poll("a").orElseThrow().phase(),
                jobs.poll("a").orElseThrow().phase(), jobs.poll("a").orElseThrow().phase()))
                .containsExactly(Phase.RUNNING, Phase.RUNNING, Phase.SUCCEEDED, Phase.SUCCEEDED);
        assertThat(jobs.peek("a").orElseThrow().progress()).isEqualTo(1.0);
        assertThat(jobs.poll("unknown")).isEmpty();
    }

    @Test
    void steps_can_be_left_to_the_test_and_failures_planned_or_forced() {
        FakeJobs jobs = new FakeJobs().stepsToFinish(4).pollsAdvance(false).failNext("E1", "boom");
        jobs.submit("a", request("{}"));
        jobs.submit("b", request("{}"));

        assertThat(jobs.poll("a").orElseThrow().phase()).isEqualTo(Phase.QUEUED);
        assertThat(jobs.advance("a", 2).progress()).isEqualTo(0.5);
        assertThat(jobs.finish("a").failure()).isEqualTo(new FakeJobs.Failure("E1", "boom"));
        assertThat(jobs.fail("b", "E2", "now").phase()).isEqualTo(Phase.FAILED);
        assertThat(jobs.submissions()).extracting(FakeJobs.Submission::id).containsExactly("a", "b");
    }

    @Test
    void cancelled_and_removed_jobs() {
        FakeJobs jobs = new FakeJobs();
        jobs.submit("a", request("{\"prompt\":\"cat\"}"));

        assertThat(jobs.cancel("a")).isTrue();
        assertThat(jobs.poll("a").orElseThrow().phase()).isEqualTo(Phase.CANCELLED);
        jobs.remove("a");
        assertThat(jobs.peek("a")).isEmpty();
        assertThat(jobs.cancel("a")).isFalse();
        assertThat(jobs.submissionsContaining("cat")).isEqualTo(1);
    }

    @Test
    void media_bytes_are_deterministic_and_signed() {
        assertThat(MediaBytes.mp4(7, 4096)).isEqualTo(MediaBytes.mp4(7, 4096)).isNotEqualTo(MediaBytes.mp4(8, 4096)).hasSize(4096);
        assertThat(new String(MediaBytes.mp4(7, 64), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        assertThat(MediaBytes.png(1, 16)[1]).isEqualTo((byte) 'P');
    }
}
