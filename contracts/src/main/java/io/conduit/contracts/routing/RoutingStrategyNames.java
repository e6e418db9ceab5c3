package io.conduit.contracts.routing;

import java.util.List;

/** The routing strategies an alias (or a request) can name; admin validates against this list, the router implements it. */
public final class RoutingStrategyNames {

    public static final List<String> ALL = List.of("priority", "weighted", "round_robin", "least_latency",
            "least_cost", "least_busy", "usage_based");

    private RoutingStrategyNames() {}
}
