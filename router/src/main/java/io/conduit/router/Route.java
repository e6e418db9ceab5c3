package io.conduit.router;

import java.util.List;

/** A compiled alias: its deployments and the strategy that orders them. Immutable. */
public record Route(String alias, List<Deployment> deployments, RoutingStrategy strategy) {

    public Route {
        if (deployments.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one deployment: " + alias);
        }
        deployments = List.copyOf(deployments);
    }

    /** Deployments in the order to try them for one request. */
    public List<Deployment> attemptOrder() {
        return strategy.order(deployments);
    }
}
