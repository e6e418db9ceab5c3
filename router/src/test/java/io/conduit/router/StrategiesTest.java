package io.conduit.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.router.health.StatsSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    static Candidate candidate(String id, int priority, int weight, double ttft, int inFlight, Long cost, Integer rpm,
            long requests) {
        Deployment d = new Deployment(id, "m", "p", id, priority, weight, rpm, null, null, null, cost);
        return new Candidate(d, new StatsSnapshot(id, "closed", -1, ttft, ttft * 2, inFlight, requests, 0, null, true));
    }

    static Candidate simple(String id, int priority, int weight) {
        return candidate(id, priority, weight, Double.NaN, 0, null, null, 0);
    }

    static List<String> ids(List<Candidate> order) {
        return order.stream().map(c -> c.deployment().id()).toList();
    }

    @Test
    void priority_orders_by_priority_keeping_ties_in_configured_order() {
        List<Candidate> candidates = List.of(simple("b", 1, 1), simple("a", 0, 1), simple("c", 1, 1));

        assertThat(ids(Strategies.PRIORITY.order(candidates, new Random(7)))).containsExactly("a", "b", "c");
    }

    @Test
    void weighted_draws_first_choices_in_proportion_to_weight() {
        List<Candidate> candidates = List.of(simple("heavy", 0, 3), simple("light", 0, 1));
        Random seeded = new Random(42);
        Map<String, Integer> first = new HashMap<>();

        for (int i = 0; i < 10_000; i++) {
            List<Candidate> order = Strategies.WEIGHTED.order(candidates, seeded);
            first.merge(order.getFirst().deployment().id(), 1, Integer::sum);
            assertThat(order).hasSize(2);
        }

        assertThat(first.get("heavy") / 10_000.0).isBetween(0.73, 0.77);
    }

    @Test
    void round_robin_rotates_the_starting_deployment() {
        RoutingStrategy rr = Strategies.roundRobin();
        List<Candidate> candidates = List.of(simple("a", 0, 1), simple("b", 0, 1), simple("c", 0, 1));

        assertThat(ids(rr.order(candidates, new Random(1)))).containsExactly("a", "b", "c");
        assertThat(ids(rr.order(candidates, new Random(1)))).containsExactly("b", "c", "a");
        assertThat(ids(rr.order(candidates, new Random(1)))).containsExactly("c", "a", "b");
        assertThat(ids(rr.order(candidates, new Random(1)))).containsExactly("a", "b", "c");
    }

    @Test
    void least_latency_prefers_the_fastest_and_tries_unmeasured_ones_first() {
        List<Candidate> candidates = List.of(candidate("slow", 0, 1, 300, 0, null, null, 0),
                candidate("fast", 0, 1, 40, 0, null, null, 0), candidate("new", 0, 1, Double.NaN, 0, null, null, 0));

        assertThat(ids(Strategies.LEAST_LATENCY.order(candidates, new Random(1)))).containsExactly("new", "fast", "slow");
    }

    @Test
    void least_cost_prefers_the_cheapest_and_puts_unpriced_last() {
        List<Candidate> candidates = List.of(candidate("unpriced", 0, 1, 0, 0, null, null, 0),
                candidate("dear", 0, 1, 0, 0, 15_000_000L, null, 0), candidate("cheap", 0, 1, 0, 0, 150_000L, null, 0));

        assertThat(ids(Strategies.LEAST_COST.order(candidates, new Random(1)))).containsExactly("cheap", "dear", "unpriced");
    }

    @Test
    void least_busy_prefers_the_fewest_in_flight() {
        List<Candidate> candidates = List.of(candidate("busy", 0, 1, 0, 9, null, null, 0),
                candidate("idle", 0, 1, 0, 0, null, null, 0), candidate("some", 0, 1, 0, 2, null, null, 0));

        assertThat(ids(Strategies.LEAST_BUSY.order(candidates, new Random(1)))).containsExactly("idle", "some", "busy");
    }

    @Test
    void usage_based_prefers_headroom_and_puts_full_deployments_last() {
        Candidate full = candidate("full", 0, 1, 0, 0, null, 100, 100);
        Candidate half = candidate("half", 0, 1, 0, 0, null, 100, 50);
        Candidate unlimited = candidate("unlimited", 0, 1, 0, 0, null, null, 5000);

        assertThat(ids(Strategies.USAGE_BASED.order(List.of(full, half, unlimited), new Random(1))))
                .containsExactly("unlimited", "half", "full");
        assertThat(full.atCapacity()).isTrue();
        assertThat(half.atCapacity()).isFalse();
    }

    @Test
    void every_named_strategy_exists() {
        assertThat(Strategies.NAMES).allSatisfy(name -> assertThat(Strategies.named(name)).isPresent());
        assertThat(Strategies.named("Least-Latency")).isPresent();
        assertThat(Strategies.named("nope")).isEmpty();
    }
}
