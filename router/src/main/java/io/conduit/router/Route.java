package io.conduit.router;

import java.util.List;

/** A compiled alias: its deployments, the strategy that orders them, and its settings (fallbacks). Immutable but for round-robin state. */
public record Route(String alias, List<Deployment> deployments, RoutingStrategy strategy, AliasSettings settings) {

    public Route {
        if (deployments.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one deployment: " + alias);
        }
        deployments = List.copyOf(deployments);
    }

    public Route(String alias, List<Deployment> deployments, RoutingStrategy strategy) {
        this(alias, deployments, strategy, AliasSettings.DEFAULT);
    }
}
