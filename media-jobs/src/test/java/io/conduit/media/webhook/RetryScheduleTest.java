package io.conduit.media.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    final WebhookProperties defaults = WebhookProperties.defaults();

    @Test
    void follows_the_standard_webhooks_schedule_and_then_gives_up() {
        RetrySchedule schedule = new RetrySchedule(defaults.retrySchedule(), 0);
        assertThat(schedule.attempts()).isEqualTo(8);
        assertThat(schedule.first()).isZero();
        assertThat(schedule.after(1, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.after(2, null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.after(3, null)).isEqualTo(Duration.ofMinutes(30));
        assertThat(schedule.after(4, null)).isEqualTo(Duration.ofHours(2));
        assertThat(schedule.after(5, null)).isEqualTo(Duration.ofHours(5));
        assertThat(schedule.after(6, null)).isEqualTo(Duration.ofHours(10));
        assertThat(schedule.after(7, null)).isEqualTo(Duration.ofHours(10));
        assertThat(schedule.after(8, null)).isNull();
    }

    @Test
    void jitter_spreads_each_wait_within_its_fraction() {
        RetrySchedule low = new RetrySchedule(defaults.retrySchedule(), 0.1, () -> 0.0);
        RetrySchedule high = new RetrySchedule(defaults.retrySchedule(), 0.1, () -> 0.999999);
        assertThat(low.after(3, null)).isEqualTo(Duration.ofMinutes(27));
        assertThat(high.after(3, null)).isBetween(Duration.ofMinutes(32), Duration.ofMinutes(33));
        assertThat(low.first()).isZero();
    }

    @Test
    void a_longer_retry_after_is_honoured_up_to_the_longest_wait() {
        RetrySchedule schedule = new RetrySchedule(defaults.retrySchedule(), 0);
        assertThat(schedule.after(1, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.after(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.after(1, Duration.ofDays(30))).isEqualTo(Duration.ofHours(10));
    }
}
