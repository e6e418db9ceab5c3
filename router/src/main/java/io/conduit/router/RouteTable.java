package io.conduit.router;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The immutable alias → route table that ingress routes by. A new table is compiled from the
 * configured deployments and alias settings on every configuration change and swapped in
 * atomically by its holder.
 */
public final class RouteTable {

    private static final RouteTable EMPTY = new RouteTable(Map.of());

    private final Map<String, Route> routes;

    private RouteTable(Map<String, Route> routes) {
        this.routes = routes;
    }

    public static RouteTable empty() {
        return EMPTY;
    }

    /** Every alias routed by priority, without fallbacks. */
    public static RouteTable compile(Collection<Deployment> deployments) {
        return compile(deployments, Map.of());
    }

    /** Groups deployments by alias, keeping their order, with each alias's settings (default: priority, no fallbacks). */
    public static RouteTable compile(Collection<Deployment> deployments, Map<String, AliasSettings> settings) {
        Map<String, List<Deployment>> byAlias = deployments.stream()
                .collect(Collectors.groupingBy(Deployment::alias, LinkedHashMap::new, Collectors.toList()));
        Map<String, Route> routes = new LinkedHashMap<>();
        byAlias.forEach((alias, list) -> {
            AliasSettings alias_ = settings.getOrDefault(alias, AliasSettings.DEFAULT);
            routes.put(alias, new Route(alias, list, Strategies.named(alias_.strategy()).orElseThrow(), alias_));
        });
        return new RouteTable(Map.copyOf(routes));
    }

    public Optional<Route> route(String alias) {
        return Optional.ofNullable(routes.get(alias));
    }

    public Set<String> aliases() {
        return routes.keySet();
    }
}
