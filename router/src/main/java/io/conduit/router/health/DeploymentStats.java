package io.conduit.router.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the gateway has seen of one deployment: calls in flight, latency (EWMA of time to first
 * token and of total time), a circuit breaker over recent outcomes, outlier ejection after
 * consecutive failures with a cooldown that doubles on each ejection, and requests and tokens in
 * the last minute. Thread-safe; shared by every request to the deployment.
 */
public final class DeploymentStats {

    /** Weight of the newest sample in the latency averages. */
    static final double EWMA_ALPHA = 0.3;

    private final String deploymentId;
    private final CircuitBreaker breaker;
    private final HealthPolicy policy;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final MinuteWindow requests;
    private final MinuteWindow tokens;
    private double ewmaTtftMillis = Double.NaN;
    private double ewmaLatencyMillis = Double.NaN;
    private int consecutiveFailures;
    private int ejections;
    private Instant cooldownUntil = Instant.MIN;

    DeploymentStats(String deploymentId, CircuitBreaker breaker, HealthPolicy policy, Clock clock) {
        this.deploymentId = deploymentId;
        this.breaker = breaker;
        this.policy = policy;
        this.clock = clock;
        this.requests = new MinuteWindow(clock);
        this.tokens = new MinuteWindow(clock);
    }

    public String deploymentId() {
        return deploymentId;
    }

    /** Whether a call may go to the deployment now (circuit not open, not cooling down); takes a half-open permit. */
    public boolean tryAcquire() {
        return tryAcquire(Integer.MAX_VALUE);
    }

    /**
     * Like {@link #tryAcquire()}, and also refuses when {@code maxConcurrent} calls are already in
     * flight: a bulkhead, so one slow deployment cannot hold every connection.
     */
    public boolean tryAcquire(int maxConcurrent) {
        if (coolingDown()) {
            return false;
        }
        if (inFlight.incrementAndGet() > maxConcurrent) {
            inFlight.decrementAndGet();
            return false;
        }
        if (!breaker.tryAcquirePermission()) {
            inFlight.decrementAndGet();
            return false;
        }
        requests.add(1);
        return true;
    }

    /** Whether it looks usable, without taking a permit (for ordering candidates). */
    public boolean available() {
        return !coolingDown() && breaker.getState() != CircuitBreaker.State.OPEN
                && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    public void onSuccess(Duration timeToFirstToken, Duration latency, long tokensUsed) {
        inFlight.decrementAndGet();
        breaker.onSuccess(latency.toNanos(), TimeUnit.NANOSECONDS);
        tokens.add(tokensUsed);
        synchronized (this) {
            consecutiveFailures = 0;
            ewmaTtftMillis = ewma(ewmaTtftMillis, timeToFirstToken.toNanos() / 1e6);
            ewmaLatencyMillis = ewma(ewmaLatencyMillis, latency.toNanos() / 1e6);
        }
    }

    /** A failure that says something about the deployment (5xx, 429, timeout, connection failure). */
    public void onFailure(Duration latency) {
        inFlight.decrementAndGet();
        breaker.onError(latency.toNanos(), TimeUnit.NANOSECONDS, new DeploymentFailure());
        synchronized (this) {
            consecutiveFailures++;
            if (consecutiveFailures >= policy.ejectAfterConsecutiveFailures()) {
                ejections++;
                Duration cooldown = policy.baseCooldown().multipliedBy(1L << Math.min(ejections - 1, 16));
                if (cooldown.compareTo(policy.maxCooldown()) > 0) {
                    cooldown = policy.maxCooldown();
                }
                cooldownUntil = clock.instant().plus(cooldown);
                consecutiveFailures = 0;
            }
        }
    }

    /** Keeps new calls away for a while, as a provider's {@code Retry-After} asks. */
    public synchronized void coolDownFor(Duration duration) {
        Instant until = clock.instant().plus(duration);
        if (until.isAfter(cooldownUntil)) {
            cooldownUntil = until;
        }
    }

    /** The call ended in a way that says nothing about the deployment's health (a 4xx, a client abort). */
    public void onNeutral() {
        inFlight.decrementAndGet();
        breaker.releasePermission();
    }

    public synchronized StatsSnapshot snapshot() {
        return new StatsSnapshot(deploymentId, breaker.getState().name().toLowerCase(java.util.Locale.ROOT),
                breaker.getMetrics().getFailureRate(), ewmaTtftMillis, ewmaLatencyMillis, inFlight.get(),
                requests.sum(), tokens.sum(), coolingDown() ? cooldownUntil : null, available());
    }

    private synchronized boolean coolingDown() {
        return clock.instant().isBefore(cooldownUntil);
    }

    private static double ewma(double current, double sample) {
        return Double.isNaN(current) ? sample : EWMA_ALPHA * sample + (1 - EWMA_ALPHA) * current;
    }

    /** The breaker counts this as a failure; it never leaves the router. */
    static final class DeploymentFailure extends RuntimeException {
        DeploymentFailure() {
            super("deployment failure", null, false, false);
        }
    }
}
