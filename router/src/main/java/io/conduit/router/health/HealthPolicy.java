package io.conduit.router.health;

import java.time.Duration;

/**
 * How quickly a failing deployment is taken out of rotation and brought back.
 *
 * @param failureRateThreshold percentage of failures in the window that opens the circuit
 * @param slowCallThreshold calls slower than this count as slow
 * @param slowCallRateThreshold percentage of slow calls that opens the circuit
 * @param windowSize calls in the breaker's sliding window
 * @param minimumCalls calls needed before the rates count
 * @param openWait how long an open circuit waits before half-open probes
 * @param halfOpenProbes calls let through when half-open
 * @param ejectAfterConsecutiveFailures consecutive failures that eject the deployment for a cooldown
 * @param baseCooldown first ejection's cooldown, doubled on each further ejection
 * @param maxCooldown the longest cooldown
 */
public record HealthPolicy(float failureRateThreshold, Duration slowCallThreshold, float slowCallRateThreshold,
        int windowSize, int minimumCalls, Duration openWait, int halfOpenProbes, int ejectAfterConsecutiveFailures,
        Duration baseCooldown, Duration maxCooldown) {

    public static HealthPolicy defaults() {
        return new HealthPolicy(50, Duration.ofSeconds(60), 100, 20, 10, Duration.ofSeconds(30), 3, 5,
                Duration.ofSeconds(5), Duration.ofMinutes(5));
    }
}
