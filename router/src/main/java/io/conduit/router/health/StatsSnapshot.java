package io.conduit.router.health;

import java.time.Instant;

/**
 * A deployment's health at one moment, for strategies and the admin health view.
 *
 * @param circuitState closed, open, half_open (resilience4j's states, lowercase)
 * @param failureRate percentage of failed calls in the breaker's window, -1 until it has enough calls
 * @param ewmaTtftMillis moving average of time to first token, NaN before the first success
 * @param ewmaLatencyMillis moving average of total latency, NaN before the first success
 * @param requestsLastMinute requests started in the last 60 s
 * @param tokensLastMinute tokens used by calls that ended in the last 60 s
 * @param cooldownUntil end of the current outlier ejection, null when not ejected
 * @param available whether new calls may go to it now
 */
public record StatsSnapshot(String deploymentId, String circuitState, float failureRate, double ewmaTtftMillis,
        double ewmaLatencyMillis, int inFlight, long requestsLastMinute, long tokensLastMinute, Instant cooldownUntil,
        boolean available) {}
