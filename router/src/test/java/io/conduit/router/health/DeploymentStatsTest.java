package io.conduit.router.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeploymentStatsTest {

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final HealthPolicy policy = new HealthPolicy(50, Duration.ofSeconds(10), 100, 10, 10, Duration.ofSeconds(30), 2,
            1000, Duration.ofSeconds(5), Duration.ofSeconds(60));

    @Test
    void the_circuit_opens_at_the_failure_rate_and_half_opens_after_its_wait() {
        DeploymentStats stats = new HealthRegistry(policy, clock).of("d");
        for (int i = 0; i < 10; i++) {
            assertThat(stats.tryAcquire()).isTrue();
            if (i % 2 == 0) {
                stats.onFailure(Duration.ofMillis(10));
            } else {
                stats.onSuccess(Duration.ofMillis(5), Duration.ofMillis(10), 10);
            }
        }

        assertThat(stats.snapshot().circuitState()).isEqualTo("open");
        assertThat(stats.available()).isFalse();
        assertThat(stats.tryAcquire()).isFalse();

        clock.advance(Duration.ofSeconds(31));
        assertThat(stats.tryAcquire()).isTrue();
        assertThat(stats.snapshot().circuitState()).isEqualTo("half_open");
        stats.onSuccess(Duration.ofMillis(5), Duration.ofMillis(10), 10);
        assertThat(stats.tryAcquire()).isTrue();
        stats.onSuccess(Duration.ofMillis(5), Duration.ofMillis(10), 10);
        assertThat(stats.snapshot().circuitState()).isEqualTo("closed");
    }

    @Test
    void consecutive_failures_eject_with_a_cooldown_that_doubles() {
        HealthPolicy ejecting = new HealthPolicy(100, Duration.ofSeconds(10), 100, 100, 100, Duration.ofSeconds(30), 2,
                3, Duration.ofSeconds(5), Duration.ofSeconds(60));
        DeploymentStats stats = new HealthRegistry(ejecting, clock).of("d");

        failTimes(stats, 3);
        assertThat(stats.snapshot().cooldownUntil()).isEqualTo(clock.instant().plusSeconds(5));
        assertThat(stats.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(5));
        assertThat(stats.available()).isTrue();

        failTimes(stats, 3);
        assertThat(stats.snapshot().cooldownUntil()).isEqualTo(clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 4; i++) {
            failTimes(stats, 3);
            clock.advance(Duration.ofSeconds(61));
        }
        failTimes(stats, 3);
        assertThat(stats.snapshot().cooldownUntil()).isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void latency_averages_converge_to_the_new_level() {
        DeploymentStats stats = new HealthRegistry(policy, clock).of("d");
        succeed(stats, 100, 1);
        assertThat(stats.snapshot().ewmaTtftMillis()).isEqualTo(100.0);

        succeed(stats, 20, 20);

        assertThat(stats.snapshot().ewmaTtftMillis()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(stats.snapshot().ewmaLatencyMillis()).isCloseTo(40.0, org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void counts_in_flight_requests_and_tokens_of_the_last_minute() {
        DeploymentStats stats = new HealthRegistry(policy, clock).of("d");
        stats.tryAcquire();
        stats.tryAcquire();
        assertThat(stats.snapshot().inFlight()).isEqualTo(2);
        stats.onSuccess(Duration.ofMillis(1), Duration.ofMillis(2), 120);
        stats.onNeutral();

        assertThat(stats.snapshot().inFlight()).isZero();
        assertThat(stats.snapshot().requestsLastMinute()).isEqualTo(2);
        assertThat(stats.snapshot().tokensLastMinute()).isEqualTo(120);
        clock.advance(Duration.ofSeconds(61));
        assertThat(stats.snapshot().requestsLastMinute()).isZero();
    }

    static void failTimes(DeploymentStats stats, int n) {
        for (int i = 0; i < n; i++) {
            stats.tryAcquire();
            stats.onFailure(Duration.ofMillis(1));
        }
    }

    static void succeed(DeploymentStats stats, long ttftMillis, int times) {
        for (int i = 0; i < times; i++) {
            stats.tryAcquire();
            stats.onSuccess(Duration.ofMillis(ttftMillis), Duration.ofMillis(ttftMillis * 2), 1);
        }
    }
}
