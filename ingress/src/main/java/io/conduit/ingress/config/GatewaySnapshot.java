package io.conduit.ingress.config;

import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.RouteTable;
import java.util.List;
import java.util.Map;

/**
 * Everything the hot path needs, loaded at once and swapped atomically: keys by hash, providers
 * by id (with every API key each holds, first one first), the route table, and what operators say
 * deployments' models can do (by deployment id), where it differs from what the adapters know.
 */
public record GatewaySnapshot(Map<String, VirtualKey> keysByHash, Map<String, ProviderEndpoint> providers,
        Map<String, List<String>> providerKeys, RouteTable routes, Map<String, ModelCapabilities> capabilityOverrides) {

    public static final GatewaySnapshot EMPTY = new GatewaySnapshot(Map.of(), Map.of(), Map.of(), RouteTable.empty(),
            Map.of());

    /** Every API key of the provider; its main one alone when it holds no others. */
    public List<String> keysOf(ProviderEndpoint provider) {
        List<String> keys = providerKeys.get(provider.providerId());
        return keys == null || keys.isEmpty() ? List.of(provider.apiKey()) : keys;
    }
}
