package io.conduit.media.webhook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When the next attempt of a message is due: the configured waits (Standard Webhooks: immediately,
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), each spread by a random jitter, and a receiver's
 * {@code Retry-After} when it asks for longer (capped at the longest wait of the schedule).
 */
public final class RetrySchedule {

    private final List<Duration> waits;
    private final double jitter;
    private final DoubleSupplier random;

    public RetrySchedule(List<Duration> waits, double jitter) {
        this(waits, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    RetrySchedule(List<Duration> waits, double jitter, DoubleSupplier random) {
        if (waits.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule has at least one wait");
        }
        this.waits = List.copyOf(waits);
        this.jitter = jitter;
        this.random = random;
    }

    /** How many attempts a message gets (per round: enqueueing and each redelivery start one). */
    public int attempts() {
        return waits.size();
    }

    /** The wait before the first attempt. */
    public Duration first() {
        return spread(waits.getFirst());
    }

    /**
     * The wait after {@code attemptsMade} failed attempts of this round, or null when that was the
     * last one and the message fails for good.
     */
    public Duration after(int attemptsMade, Duration retryAfter) {
        if (attemptsMade >= waits.size()) {
            return null;
        }
        Duration wait = spread(waits.get(attemptsMade));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            Duration longest = waits.stream().max(Duration::compareTo).orElseThrow();
            return retryAfter.compareTo(longest) > 0 ? longest : retryAfter;
        }
        return wait;
    }

    private Duration spread(Duration wait) {
        if (jitter == 0 || wait.isZero()) {
            return wait;
        }
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }
}
