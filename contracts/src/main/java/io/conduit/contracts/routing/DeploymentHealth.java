package io.conduit.contracts.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Live state of one deployment as one gateway instance sees it.
 *
 * @param circuitState {@code closed}, {@code open} or {@code half_open}
 * @param failureRate percentage of failed calls in the circuit breaker's window, -1 until enough calls
 * @param ewmaTtftMs moving average of time to first token, null before the first success
 * @param ewmaLatencyMs moving average of total latency, null before the first success
 * @param cooldownUntil end of the current ejection (outlier or Retry-After), null when none
 */
public record DeploymentHealth(
        @JsonProperty("deployment_id") String deploymentId,
        String alias,
        String provider,
        @JsonProperty("provider_model") String providerModel,
        @JsonProperty("circuit_state") String circuitState,
        @JsonProperty("failure_rate") float failureRate,
        @JsonProperty("ewma_ttft_ms") Double ewmaTtftMs,
        @JsonProperty("ewma_latency_ms") Double ewmaLatencyMs,
        @JsonProperty("in_flight") int inFlight,
        @JsonProperty("requests_last_minute") long requestsLastMinute,
        @JsonProperty("tokens_last_minute") long tokensLastMinute,
        @JsonProperty("cooldown_until") Instant cooldownUntil,
        boolean available) {}
