package io.conduit.media.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.jobs.JobState;
import io.conduit.contracts.usage.MediaUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of a job's life: forward only, one terminal state, progress never down, completed only with results. */
class JobStateMachineTest {

    static final Instant T0 = Instant.parse("2026-11-24T05:00:00Z");

    static Job queued() {
        return Job.queued("video_1", JobKind.VIDEO, "00000000-0000-0000-0000-000000000001", null, "video", "req-1",
                "{\"prompt\":\"p\"}", Map.of(), null, T0);
    }

    static JobEvent event(JobEvent.Type type, Integer progress, List<JobOutput> outputs) {
        return new JobEvent("video_1:" + type, "video_1", type, T0, "openai", "sora-2", "task-1", progress, outputs,
                type == JobEvent.Type.COMPLETED ? new MediaUsage(0, null, null, 8, "1280x720", 0, 0) : null, 0, 0,
                type == JobEvent.Type.FAILED ? "moderation_blocked" : null, type == JobEvent.Type.FAILED ? "blocked" : null, "w1");
    }

    static final List<JobOutput> VIDEO = List.of(new JobOutput("video", "jobs/video_1/video", "video/mp4", 10));

    Job apply(Job job, JobEvent event) {
        return JobStateMachine.apply(job, event, T0.plusSeconds(job.version() + 1));
    }

    @Test
    void a_job_moves_forward_with_the_providers_progress_and_completes_with_its_results() {
        Job job = apply(queued(), event(JobEvent.Type.SUBMITTED, null, List.of()));
        assertThat(job.state()).isEqualTo(JobState.IN_PROGRESS);
        assertThat(job.providerTaskId()).isEqualTo("task-1");
        assertThat(job.progress()).as("no invented progress").isNull();
        job = apply(job, event(JobEvent.Type.PROGRESS, 40, List.of()));
        assertThat(job.progress()).isEqualTo(40);
        Job lower = apply(job, event(JobEvent.Type.PROGRESS, 30, List.of()));
        assertThat(lower).as("progress never goes down").isSameAs(job);
        job = apply(job, event(JobEvent.Type.COMPLETED, 100, VIDEO));
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.outputs()).isEqualTo(VIDEO);
        assertThat(job.media().videoSeconds()).isEqualTo(8);
        assertThat(job.version()).isEqualTo(3);
        assertThat(job.completedAt()).isNotNull();
    }

    @Test
    void a_terminal_job_never_changes_again_and_old_events_change_nothing() {
        Job done = apply(apply(queued(), event(JobEvent.Type.SUBMITTED, null, List.of())), event(JobEvent.Type.COMPLETED, 100, VIDEO));
        for (JobEvent.Type type : JobEvent.Type.values()) {
            assertThat(apply(done, event(type, 50, VIDEO))).as(type.name()).isSameAs(done);
        }
        Job running = apply(queued(), event(JobEvent.Type.PROGRESS, 10, List.of()));
        assertThat(apply(running, event(JobEvent.Type.SUBMITTED, null, List.of()))).as("a replayed submission").isSameAs(running);
    }

    @Test
    void success_without_a_stored_result_is_a_failure_and_failures_keep_the_providers_reason() {
        Job empty = apply(queued(), event(JobEvent.Type.COMPLETED, 100, List.of()));
        assertThat(empty.state()).isEqualTo(JobState.FAILED);
        assertThat(empty.errorCode()).isEqualTo("no_result");
        Job failed = apply(queued(), event(JobEvent.Type.FAILED, null, List.of()));
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.errorCode()).isEqualTo("moderation_blocked");
        assertThat(failed.errorMessage()).isEqualTo("blocked");
        Job cancelled = apply(queued(), event(JobEvent.Type.CANCELLED, null, List.of()));
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.errorCode()).isEqualTo("cancelled");
    }

    @Test
    void a_job_is_visible_to_its_group_or_without_one_to_its_key_only() {
        Job solo = queued();
        assertThat(solo.visibleTo("00000000-0000-0000-0000-000000000001", null)).isTrue();
        assertThat(solo.visibleTo("00000000-0000-0000-0000-000000000002", null)).isFalse();
        Job team = Job.queued("job_2", JobKind.IMAGE, "k1", "g1", "image", null, "{}", Map.of(), null, T0);
        assertThat(team.visibleTo("k2", "g1")).isTrue();
        assertThat(team.visibleTo("k1", "g2")).isFalse();
        assertThat(team.visibleTo("k3", null)).isFalse();
    }

    @Test
    void an_ended_jobs_usage_is_emitted_for_its_own_end_only_with_a_stable_id() {
        Job done = apply(queued(), event(JobEvent.Type.COMPLETED, 100, VIDEO));
        var usage = JobUsage.of(done, event(JobEvent.Type.COMPLETED, 100, VIDEO)).orElseThrow();
        assertThat(usage.id()).isEqualTo(JobUsage.usageId("video_1"));
        assertThat(usage.endpoint()).isEqualTo("videos");
        assertThat(usage.media().videoSeconds()).isEqualTo(8);
        assertThat(JobUsage.of(done, event(JobEvent.Type.FAILED, null, List.of()))).as("a late failure of a completed job").isEmpty();
        Job failed = apply(queued(), event(JobEvent.Type.FAILED, null, List.of()));
        var free = JobUsage.of(failed, event(JobEvent.Type.FAILED, null, List.of())).orElseThrow();
        assertThat(free.media()).isNull();
        assertThat(free.promptTokens()).isZero();
        assertThat(JobUsage.of(queued(), event(JobEvent.Type.PROGRESS, 5, List.of()))).isEmpty();
    }
}
