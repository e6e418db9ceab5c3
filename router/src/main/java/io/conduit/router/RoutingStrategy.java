package io.conduit.router;

import java.util.List;

/** Decides in which order a route's deployments are tried for one request. */
@FunctionalInterface
public interface RoutingStrategy {

    /** The deployments to try, first choice first; never empty when {@code candidates} is not. */
    List<Deployment> order(List<Deployment> candidates);

    /** Lowest priority value first; ties keep their configured order. */
    RoutingStrategy PRIORITY = candidates -> candidates.stream()
            .sorted(java.util.Comparator.comparingInt(Deployment::priority))
            .toList();
}
