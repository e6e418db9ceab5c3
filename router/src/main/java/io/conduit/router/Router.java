package io.conduit.router;

import io.conduit.router.health.HealthRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Plans the attempts of one request: the alias's deployments in its strategy's order, usable
 * ones before those whose circuit is open, ejected or at capacity, then the fallback aliases'
 * plans. The caller tries them in order until one answers.
 */
public final class Router {

    static final int MAX_FALLBACK_DEPTH = 3;

    private final HealthRegistry health;

    public Router(HealthRegistry health) {
        this.health = health;
    }

    public HealthRegistry health() {
        return health;
    }

    /**
     * @param strategyOverride a strategy the request asked for by name, used instead of the alias's
     * @return deployments to try in order; empty when the alias has no route
     */
    public List<Deployment> plan(RouteTable table, String alias, Optional<RoutingStrategy> strategyOverride,
            RandomGenerator random) {
        List<Deployment> plan = new ArrayList<>();
        planInto(table, alias, strategyOverride, random, plan, new LinkedHashSet<>(), 0);
        return plan;
    }

    /** The plans of these aliases one after another (for context-window and content-policy fallbacks). */
    public List<Deployment> planAll(RouteTable table, List<String> aliases, RandomGenerator random) {
        List<Deployment> plan = new ArrayList<>();
        Set<String> visited = new LinkedHashSet<>();
        for (String alias : aliases) {
            planInto(table, alias, Optional.empty(), random, plan, visited, 1);
        }
        return plan;
    }

    private void planInto(RouteTable table, String alias, Optional<RoutingStrategy> override, RandomGenerator random,
            List<Deployment> plan, Set<String> visited, int depth) {
        if (depth > MAX_FALLBACK_DEPTH || !visited.add(alias)) {
            return;
        }
        Optional<Route> route = table.route(alias);
        if (route.isEmpty()) {
            return;
        }
        List<Candidate> candidates = route.get().deployments().stream()
                .map(d -> new Candidate(d, health.of(d.id()).snapshot()))
                .toList();
        List<Candidate> ordered = override.orElse(route.get().strategy()).order(candidates, random);
        ordered.stream().filter(c -> c.stats().available() && !c.atCapacity()).forEach(c -> plan.add(c.deployment()));
        ordered.stream().filter(c -> !c.stats().available() || c.atCapacity()).forEach(c -> plan.add(c.deployment()));
        for (String fallback : route.get().settings().fallbacks()) {
            planInto(table, fallback, override, random, plan, visited, depth + 1);
        }
    }
}
