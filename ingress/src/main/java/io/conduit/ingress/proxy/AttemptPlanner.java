package io.conduit.ingress.proxy;

import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;
import io.conduit.router.Router;
import io.conduit.router.RoutingStrategy;
import io.conduit.router.Strategies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Turns a key's request for an alias into the ordered targets to try: access check, the router's
 * plan (strategy, health, fallbacks), and for each deployment its provider, adapter and capability.
 */
public final class AttemptPlanner {

    private final ProviderAdapters adapters;
    private final Router router;
    private final ProviderKeyRing keyRing;
    private final PriceCheck prices;

    public AttemptPlanner(ProviderAdapters adapters, Router router, ProviderKeyRing keyRing) {
        this(adapters, router, keyRing, PriceCheck.ANY);
    }

    /** With a price check: deployments whose provider model it refuses are skipped ({@code model_not_priced} when none is left). */
    public AttemptPlanner(ProviderAdapters adapters, Router router, ProviderKeyRing keyRing, PriceCheck prices) {
        this.adapters = adapters;
        this.router = router;
        this.keyRing = keyRing;
        this.prices = prices;
    }

    List<Target> plan(GatewaySnapshot snapshot, VirtualKey key, String alias, Operation operation, String strategyName,
            RandomGenerator random) {
        if (!key.mayUse(alias)) {
            throw GatewayException.modelNotAllowed(alias);
        }
        if (snapshot.routes().route(alias).isEmpty()) {
            throw GatewayException.modelNotFound(alias);
        }
        Optional<RoutingStrategy> override = Optional.ofNullable(strategyName).map(name -> Strategies.named(name)
                .orElseThrow(() -> GatewayException.badRequest("invalid_routing_strategy", null,
                        "Unknown routing strategy '" + name + "'; use one of " + String.join(", ", Strategies.NAMES) + ".")));
        return targets(snapshot, router.plan(snapshot.routes(), alias, override, random), alias, operation);
    }

    /** The targets of an alias's context-window or content-policy fallbacks; empty when it has none. */
    List<Target> fallbackPlan(GatewaySnapshot snapshot, String alias, Operation operation, FallbackFailure.Reason reason,
            RandomGenerator random) {
        List<String> aliases = snapshot.routes().route(alias)
                .map(route -> reason == FallbackFailure.Reason.CONTEXT_WINDOW
                        ? route.settings().contextWindowFallbacks() : route.settings().contentPolicyFallbacks())
                .orElse(List.of());
        if (aliases.isEmpty()) {
            return List.of();
        }
        try {
            return targets(snapshot, router.planAll(snapshot.routes(), aliases, random), alias, operation);
        } catch (GatewayException e) {
            return List.of();
        }
    }

    private List<Target> targets(GatewaySnapshot snapshot, List<Deployment> deployments, String alias, Operation operation) {
        List<Target> targets = new ArrayList<>();
        boolean anyAdapter = false;
        boolean unpriced = false;
        for (Deployment deployment : deployments) {
            ProviderEndpoint provider = snapshot.providers().get(deployment.providerId());
            ProviderAdapter adapter = provider == null ? null : adapters.get(provider.adapterId()).orElse(null);
            if (adapter == null) {
                continue;
            }
            anyAdapter = true;
            Optional<Operation.Calls> calls = operation.capability().apply(adapter);
            if (calls.isEmpty()) {
                continue;
            }
            if (!prices.priced(provider.providerName(), deployment.providerModel())) {
                unpriced = true;
                continue;
            }
            List<String> keys = snapshot.keysOf(provider);
            for (int index : keyRing.order(provider.providerId(), keys.size())) {
                ProviderEndpoint withKey = new ProviderEndpoint(provider.providerId(), provider.providerName(),
                        provider.adapterId(), provider.baseUrl(), keys.get(index), provider.settings());
                targets.add(new Target(deployment, withKey, adapter, calls.get(), index, keys.size()));
            }
        }
        if (targets.isEmpty()) {
            throw unpriced ? GatewayException.modelNotPriced(alias) : !anyAdapter
                    ? new GatewayException(503, "api_error", "provider_unavailable", "model",
                            "The model '" + alias + "' has no usable provider configured.", Map.of())
                    : GatewayException.badRequest("unsupported_operation", "model",
                            "The model '" + alias + "' does not support " + operation.endpoint() + ".");
        }
        return targets;
    }
}
