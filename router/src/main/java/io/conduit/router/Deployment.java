package io.conduit.router;

import java.time.Duration;

/**
 * One place an alias can be served: a provider and the model name to send it, with what routing
 * needs to choose among deployments.
 *
 * @param id stable id of the deployment
 * @param alias the client-facing model name it serves
 * @param providerId id of the provider that serves it
 * @param providerModel model name sent to the provider
 * @param priority lower is tried first by priority failover
 * @param weight relative share for weighted strategies (≥ 1)
 * @param rpmLimit requests per minute it may take, null for unlimited
 * @param tpmLimit tokens per minute it may take, null for unlimited
 * @param tryTimeout longest one attempt may wait for the first byte, null for the gateway default
 * @param maxConcurrent calls it may have in flight at once (a bulkhead), null for unlimited
 * @param costMicrosPerMillionTokens blended price for least-cost routing (micro-USD per million
 *     tokens), null when unknown
 */
public record Deployment(String id, String alias, String providerId, String providerModel, int priority, int weight,
        Integer rpmLimit, Integer tpmLimit, Duration tryTimeout, Integer maxConcurrent, Long costMicrosPerMillionTokens) {

    public Deployment {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1");
        }
    }

    /** A deployment with no limits, timeout or cost. */
    public Deployment(String id, String alias, String providerId, String providerModel, int priority, int weight) {
        this(id, alias, providerId, providerModel, priority, weight, null, null, null, null, null);
    }
}
