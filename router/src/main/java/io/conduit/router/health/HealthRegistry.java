package io.conduit.router.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health of every deployment by id. Outlives route tables: a configuration change does not
 * forget what was learnt about a deployment that stays.
 */
public final class HealthRegistry {

    private final HealthPolicy policy;
    private final Clock clock;
    private final CircuitBreakerConfig breakerConfig;
    private final Map<String, DeploymentStats> stats = new ConcurrentHashMap<>();

    public HealthRegistry(HealthPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.breakerConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(policy.failureRateThreshold())
                .slowCallDurationThreshold(policy.slowCallThreshold())
                .slowCallRateThreshold(policy.slowCallRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.windowSize())
                .minimumNumberOfCalls(policy.minimumCalls())
                .waitDurationInOpenState(policy.openWait())
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenProbes())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordExceptions(DeploymentStats.DeploymentFailure.class)
                .clock(clock)
                .build();
    }

    public DeploymentStats of(String deploymentId) {
        return stats.computeIfAbsent(deploymentId, id -> new DeploymentStats(id,
                CircuitBreaker.of("deployment-" + id, breakerConfig), policy, clock));
    }
}
