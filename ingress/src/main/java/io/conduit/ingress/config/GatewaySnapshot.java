package io.conduit.ingress.config;

import io.conduit.ingress.budget.Budget;
import io.conduit.ingress.budget.BudgetGuard;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.RouteTable;
import java.util.List;
import java.util.Map;

/**
 * Everything the hot path needs, loaded at once and swapped atomically: keys by hash, providers
 * by id (with every API key each holds, first one first), the route table, and what operators say
 * deployments' models can do (by deployment id), where it differs from what the adapters know;
 * budgets by scope key and what was credited to groups' prepaid balances.
 */
public record GatewaySnapshot(Map<String, VirtualKey> keysByHash, Map<String, ProviderEndpoint> providers,
        Map<String, List<String>> providerKeys, RouteTable routes, Map<String, ModelCapabilities> capabilityOverrides,
        Map<String, Budget> budgets, Map<String, Long> groupCredits) implements BudgetGuard.Limits {

    public static final GatewaySnapshot EMPTY = new GatewaySnapshot(Map.of(), Map.of(), Map.of(), RouteTable.empty(),
            Map.of(), Map.of(), Map.of());

    /** The budget of a scope key ({@code key:<id>}, {@code key_group:<id>}), or null. */
    @Override
    public Budget budget(String scopeKey) {
        return budgets.get(scopeKey);
    }

    /** What was credited to a group's prepaid balance, or null when the group has none. */
    @Override
    public Long credited(String groupId) {
        return groupCredits.get(groupId);
    }

    /** Every API key of the provider; its main one alone when it holds no others. */
    public List<String> keysOf(ProviderEndpoint provider) {
        List<String> keys = providerKeys.get(provider.providerId());
        return keys == null || keys.isEmpty() ? List.of(provider.apiKey()) : keys;
    }
}
