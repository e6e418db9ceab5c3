package io.conduit.router;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Orders a route's candidates for one request: the first is tried first, the others are the
 * failover order. A strategy is a small pure function of the candidates (and, for random ones, of
 * the given random source, so choices can be replayed from a seed).
 */
@FunctionalInterface
public interface RoutingStrategy {

    List<Candidate> order(List<Candidate> candidates, RandomGenerator random);
}
