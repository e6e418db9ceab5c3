package io.conduit.ingress.proxy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How hard one request tries: at most {@code maxAttempts} upstream calls, each on the next
 * deployment of the plan, with full-jitter exponential backoff between them, all within one
 * overall deadline.
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration overallDeadline) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The pause before attempt number {@code nextAttempt} (2 for the first retry): uniform in [0, min(max, base·2^(n-2))]. */
    public Duration backoffBefore(int nextAttempt, RandomGenerator random) {
        long cap = Math.min(maxBackoff.toNanos(), baseBackoff.toNanos() << Math.min(nextAttempt - 2, 20));
        return cap <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(cap + 1));
    }
}
