package io.conduit.ingress.budget;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Reservations in this instance's memory: for a single ingress instance (no {@code REDIS_URL}). */
public final class InProcessReservations implements ReservationStore {

    /** What ingress knows of one limit. */
    private static final class Counters {
        long posted;
        long keepUntil;
        final Map<String, long[]> held = new HashMap<>(); // reservation id → {micros, expires at (ms)}
    }

    private final Clock clock;
    private final Map<String, Counters> limits = new HashMap<>();
    private long nextPurge;

    public InProcessReservations(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Mono<Integer> reserve(String reservationId, List<Limit> wanted, long micros, Duration hold) {
        long now = clock.millis();
        purgeOld(now);
        for (int i = 0; i < wanted.size(); i++) {
            Limit limit = wanted.get(i);
            Counters counters = limits.computeIfAbsent(limit.id(), id -> new Counters());
            counters.held.values().removeIf(r -> r[1] <= now);
            long reserved = counters.held.values().stream().mapToLong(r -> r[0]).sum();
            if (Math.max(counters.posted, limit.ledgerSpentMicros()) + reserved + micros > limit.capMicros()) {
                return Mono.just(i);
            }
        }
        for (Limit limit : wanted) {
            Counters counters = limits.get(limit.id());
            counters.held.put(reservationId, new long[] {micros, now + hold.toMillis()});
            counters.keepUntil = Math.max(counters.keepUntil, now + limit.keep().toMillis());
        }
        return Mono.just(-1);
    }

    @Override
    public synchronized Mono<Void> settle(String reservationId, List<Limit> settled, long actualMicros) {
        long now = clock.millis();
        for (Limit limit : settled) {
            Counters counters = limits.computeIfAbsent(limit.id(), id -> new Counters());
            counters.held.remove(reservationId);
            counters.posted += actualMicros;
            counters.keepUntil = Math.max(counters.keepUntil, now + limit.keep().toMillis());
        }
        return Mono.empty();
    }

    /** Forgets the counters of periods long past, at most once a minute. */
    private void purgeOld(long now) {
        if (now < nextPurge) {
            return;
        }
        nextPurge = now + 60_000;
        limits.values().removeIf(c -> c.keepUntil <= now && c.held.isEmpty());
    }
}
