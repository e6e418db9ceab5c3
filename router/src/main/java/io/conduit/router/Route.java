package io.conduit.router;

import java.util.List;

/** A compiled alias: its deployments, the strategy that orders them, and its fallback aliases. Immutable but for round-robin state. */
public record Route(String alias, List<Deployment> deployments, RoutingStrategy strategy, List<String> fallbacks) {

    public Route {
        if (deployments.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one deployment: " + alias);
        }
        deployments = List.copyOf(deployments);
        fallbacks = List.copyOf(fallbacks);
    }

    public Route(String alias, List<Deployment> deployments, RoutingStrategy strategy) {
        this(alias, deployments, strategy, List.of());
    }
}
