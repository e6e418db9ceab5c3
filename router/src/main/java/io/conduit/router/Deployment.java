package io.conduit.router;

/**
 * One place an alias can be served: a provider and the model name to send it.
 *
 * @param id stable id of the deployment
 * @param alias the client-facing model name it serves
 * @param providerId id of the provider that serves it
 * @param providerModel model name sent to the provider
 * @param priority lower is tried first by priority failover
 * @param weight relative share for weighted strategies (≥ 1)
 */
public record Deployment(String id, String alias, String providerId, String providerModel, int priority, int weight) {

    public Deployment {
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1");
        }
    }
}
