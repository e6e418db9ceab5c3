package io.conduit.ingress.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.jobs.JobState;
import io.conduit.contracts.json.Json;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SseFramesTest {

    static final Instant T0 = Instant.parse("2026-11-24T05:00:00Z");

    static Job completed() {
        return new Job("job_1", JobKind.IMAGE, "00000000-0000-0000-0000-000000000001", null, "img", "r1", "{}", Map.of(), null,
                JobState.COMPLETED, 100, "openai", "gpt-image-1", "task", 1, null, null, null,
                List.of(new JobOutput("image_0", "jobs/job_1/image_0", "image/png", 3)), null, 4, T0, T0.plusSeconds(9),
                T0.plusSeconds(1), T0.plusSeconds(9), T0.plusSeconds(3600), null);
    }

    static final List<JobChange> HISTORY = List.of(
            new JobChange(0, JobState.QUEUED, null, T0),
            new JobChange(1, JobState.IN_PROGRESS, null, T0.plusSeconds(1)),
            new JobChange(2, JobState.IN_PROGRESS, 40, T0.plusSeconds(4)),
            new JobChange(3, JobState.IN_PROGRESS, 80, T0.plusSeconds(7)),
            new JobChange(4, JobState.COMPLETED, 100, T0.plusSeconds(9)));

    @Test
    void an_event_has_its_version_as_id_its_name_and_one_data_line_per_line() {
        assertThat(SseFrames.event(3, "job.progress", "{\"a\":1}")).isEqualTo("id: 3\nevent: job.progress\ndata: {\"a\":1}\n\n");
        assertThat(SseFrames.event(1, "job.x", "a\nb")).isEqualTo("id: 1\nevent: job.x\ndata: a\ndata: b\n\n");
        assertThat(SseFrames.comment("heartbeat")).isEqualTo(": heartbeat\n\n");
        assertThat(SseFrames.comment("two\nlines")).isEqualTo(": two lines\n\n");
    }

    @Test
    void entering_progress_is_the_state_and_staying_in_it_is_progress() {
        assertThat(SseFrames.eventName(JobState.QUEUED, null)).isEqualTo("job.queued");
        assertThat(SseFrames.eventName(JobState.IN_PROGRESS, JobState.QUEUED)).isEqualTo("job.in_progress");
        assertThat(SseFrames.eventName(JobState.IN_PROGRESS, JobState.IN_PROGRESS)).isEqualTo("job.progress");
        assertThat(SseFrames.eventName(JobState.COMPLETED, JobState.IN_PROGRESS)).isEqualTo("job.completed");
        assertThat(SseFrames.eventName(JobState.CANCELLED, JobState.QUEUED)).isEqualTo("job.cancelled");
    }

    @Test
    void replays_the_whole_history_in_order() {
        List<SseFrames.Event> events = SseFrames.events(completed(), HISTORY, -1, null);

        assertThat(events).extracting(SseFrames.Event::version).containsExactly(0, 1, 2, 3, 4);
        assertThat(events).extracting(e -> e.frame().lines().toList().get(1)).containsExactly("event: job.queued",
                "event: job.in_progress", "event: job.progress", "event: job.progress", "event: job.completed");
    }

    @Test
    void replays_only_what_the_client_has_not_seen() {
        List<SseFrames.Event> events = SseFrames.events(completed(), HISTORY, 2, null);

        assertThat(events).extracting(SseFrames.Event::version).containsExactly(3, 4);
        assertThat(events.getFirst().frame()).startsWith("id: 3\nevent: job.progress\n");
    }

    @Test
    void data_is_the_job_as_of_its_version() {
        List<SseFrames.Event> events = SseFrames.events(completed(), HISTORY, -1, null);

        JsonNode queued = data(events.get(0));
        JsonNode progress = data(events.get(2));
        JsonNode done = data(events.get(4));
        assertThat(queued.path("status").asString()).isEqualTo("queued");
        assertThat(queued.path("outputs")).isEmpty();
        assertThat(queued.path("started_at").isNull()).isTrue();
        assertThat(progress.path("status").asString()).isEqualTo("in_progress");
        assertThat(progress.path("progress").asInt()).isEqualTo(40);
        assertThat(progress.path("completed_at").isNull()).isTrue();
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(done.path("outputs").get(0).path("url").asString()).isEqualTo("/v1/jobs/job_1/content?output=image_0");
        assertThat(done.path("id").asString()).isEqualTo("job_1");
    }

    @Test
    void a_last_event_id_that_is_not_a_version_replays_everything() {
        assertThat(SseFrames.lastEventId(null)).isEqualTo(-1);
        assertThat(SseFrames.lastEventId("  ")).isEqualTo(-1);
        assertThat(SseFrames.lastEventId("abc")).isEqualTo(-1);
        assertThat(SseFrames.lastEventId(" 3 ")).isEqualTo(3);
        assertThat(SseFrames.lastEventId("-7")).isEqualTo(-1);
    }

    static JsonNode data(SseFrames.Event event) {
        String line = event.frame().lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
        return Json.mapper().readTree(line.substring(6));
    }
}
