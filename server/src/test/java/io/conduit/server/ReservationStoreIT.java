package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.embedded.LocalRedis;
import io.conduit.ingress.budget.InProcessReservations;
import io.conduit.ingress.budget.Limit;
import io.conduit.ingress.budget.RedisReservations;
import io.conduit.ingress.budget.ReservationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Budget reservations, in process and in a real Redis: all-or-nothing across limits, the larger of
 * ledger and ingress spend, expiry of a dead instance's holds, and no over-admission under
 * concurrency (also from two stores sharing one Redis, as two ingress instances do).
 */
class ReservationStoreIT {

    static LocalRedis redis;
    static final MutableClock clock = new MutableClock();

    @BeforeAll
    static void start() {
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    static Stream<Function<Clock, ReservationStore>> stores() {
        return Stream.of(InProcessReservations::new, c -> new RedisReservations(redis.url(), c));
    }

    static Limit limit(String id, long cap, long ledgerSpent) {
        return new Limit(id, cap, ledgerSpent, false, Duration.ofDays(2));
    }

    static String unique() {
        return UUID.randomUUID().toString();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void reserves_under_every_limit_or_none(Function<Clock, ReservationStore> factory) {
        try (ReservationStore store = factory.apply(clock)) {
            Limit roomy = limit(unique(), 1_000_000, 0);
            Limit tight = limit(unique(), 150_000, 0);

            assertThat(store.reserve("a", List.of(roomy, tight), 100_000, Duration.ofMinutes(5)).block()).isEqualTo(-1);
            assertThat(store.reserve("b", List.of(roomy, tight), 100_000, Duration.ofMinutes(5)).block()).isEqualTo(1);
            // b was refused by the tight limit, so it holds nothing under the roomy one either
            assertThat(store.reserve("c", List.of(roomy), 900_000, Duration.ofMinutes(5)).block()).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void settled_cost_and_ledger_spend_count_by_the_larger(Function<Clock, ReservationStore> factory) {
        try (ReservationStore store = factory.apply(clock)) {
            String id = unique();
            store.reserve("a", List.of(limit(id, 1_000_000, 0)), 500_000, Duration.ofMinutes(5)).block();
            store.settle("a", List.of(limit(id, 1_000_000, 0)), 300_000).block();

            // ingress posted 300,000; the ledger has not caught up (0): 700,000 left
            assertThat(store.reserve("b", List.of(limit(id, 1_000_000, 0)), 700_001, Duration.ofMinutes(5)).block()).isZero();
            // the ledger has posted more (it also saw another instance's call): 400,000 used
            assertThat(store.reserve("c", List.of(limit(id, 1_000_000, 400_000)), 600_001, Duration.ofMinutes(5)).block())
                    .isZero();
            assertThat(store.reserve("d", List.of(limit(id, 1_000_000, 400_000)), 600_000, Duration.ofMinutes(5)).block())
                    .isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void holds_of_a_dead_instance_expire(Function<Clock, ReservationStore> factory) {
        try (ReservationStore store = factory.apply(clock)) {
            Limit limit = limit(unique(), 100_000, 0);
            store.reserve("held-forever", List.of(limit), 100_000, Duration.ofSeconds(30)).block();
            assertThat(store.reserve("next", List.of(limit), 1, Duration.ofSeconds(30)).block()).isZero();

            clock.advance(Duration.ofSeconds(31));

            assertThat(store.reserve("next", List.of(limit), 100_000, Duration.ofSeconds(30)).block()).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void concurrent_requests_never_over_admit(Function<Clock, ReservationStore> factory) throws Exception {
        try (ReservationStore first = factory.apply(clock); ReservationStore second = factory.apply(clock);
                ExecutorService pool = Executors.newFixedThreadPool(16)) {
            Limit dollar = limit(unique(), 1_000_000, 0);
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ReservationStore store = i % 2 == 0 ? first : second;
                String id = "r" + i;
                calls.add(() -> store.reserve(id, List.of(dollar), 100_000, Duration.ofMinutes(5)).block());
            }
            long admitted = 0;
            for (Future<Integer> outcome : pool.invokeAll(calls)) {
                admitted += outcome.get() == -1 ? 1 : 0;
            }
            if (first instanceof RedisReservations) {
                assertThat(admitted).isEqualTo(10); // one shared store
            } else {
                assertThat(admitted).isEqualTo(20); // two separate in-process stores: each holds its own dollar
            }
        }
    }

    /** A clock tests move forward by hand. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-11-24T10:00:00Z").toEpochMilli());

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
