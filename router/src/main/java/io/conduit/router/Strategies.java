package io.conduit.router;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/** The routing strategies, by the name an alias (or a request header) selects them with. */
public final class Strategies {

    /** Lowest priority value first; ties keep their configured order. */
    public static final RoutingStrategy PRIORITY = (candidates, random) -> candidates.stream()
            .sorted(Comparator.comparingInt(c -> c.deployment().priority()))
            .toList();

    /** A random order, each pick drawn by weight among those not yet picked. */
    public static final RoutingStrategy WEIGHTED = Strategies::weightedOrder;

    /** Lowest moving-average latency first (time to first token, then total); unmeasured ones first, to learn them. */
    public static final RoutingStrategy LEAST_LATENCY = (candidates, random) -> candidates.stream()
            .sorted(Comparator.comparingDouble((Candidate c) -> orZero(c.stats().ewmaTtftMillis()))
                    .thenComparingDouble(c -> orZero(c.stats().ewmaLatencyMillis())))
            .toList();

    /** Cheapest first; deployments without a known price last. */
    public static final RoutingStrategy LEAST_COST = (candidates, random) -> candidates.stream()
            .sorted(Comparator.comparingLong(c -> c.deployment().costMicrosPerMillionTokens() == null
                    ? Long.MAX_VALUE : c.deployment().costMicrosPerMillionTokens()))
            .toList();

    /** Fewest calls in flight first. */
    public static final RoutingStrategy LEAST_BUSY = (candidates, random) -> candidates.stream()
            .sorted(Comparator.comparingInt(c -> c.stats().inFlight()))
            .toList();

    /** Most RPM/TPM headroom first; deployments at their limit last. */
    public static final RoutingStrategy USAGE_BASED = (candidates, random) -> candidates.stream()
            .sorted(Comparator.comparingDouble((Candidate c) -> -Math.min(c.requestHeadroom(), c.tokenHeadroom())))
            .toList();

    private static final Map<String, RoutingStrategy> STATELESS = Map.of(
            "priority", PRIORITY,
            "weighted", WEIGHTED,
            "least_latency", LEAST_LATENCY,
            "least_cost", LEAST_COST,
            "least_busy", LEAST_BUSY,
            "usage_based", USAGE_BASED);

    public static final List<String> NAMES = io.conduit.contracts.routing.RoutingStrategyNames.ALL;

    private Strategies() {}

    /** The strategy of that name; round robin is stateful, so each call gives a fresh rotation. */
    public static Optional<RoutingStrategy> named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (key.equals("round_robin")) {
            return Optional.of(roundRobin());
        }
        return Optional.ofNullable(STATELESS.get(key));
    }

    /** Each call starts one position further along the configured order. */
    public static RoutingStrategy roundRobin() {
        AtomicLong next = new AtomicLong();
        return (candidates, random) -> {
            if (candidates.isEmpty()) {
                return candidates;
            }
            int start = (int) Math.floorMod(next.getAndIncrement(), (long) candidates.size());
            List<Candidate> order = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                order.add(candidates.get((start + i) % candidates.size()));
            }
            return order;
        };
    }

    private static List<Candidate> weightedOrder(List<Candidate> candidates, RandomGenerator random) {
        List<Candidate> left = new ArrayList<>(candidates);
        List<Candidate> order = new ArrayList<>(candidates.size());
        while (!left.isEmpty()) {
            long total = left.stream().mapToLong(c -> c.deployment().weight()).sum();
            long pick = random.nextLong(total);
            for (int i = 0; i < left.size(); i++) {
                pick -= left.get(i).deployment().weight();
                if (pick < 0) {
                    order.add(left.remove(i));
                    break;
                }
            }
        }
        return order;
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
