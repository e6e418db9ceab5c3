package io.conduit.ingress.config;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.RouteTable;
import java.util.Map;

/**
 * Everything the hot path needs, loaded at once and swapped atomically: keys by hash, providers
 * by id, and the route table.
 */
public record GatewaySnapshot(Map<String, VirtualKey> keysByHash, Map<String, ProviderEndpoint> providers,
        RouteTable routes) {

    public static final GatewaySnapshot EMPTY = new GatewaySnapshot(Map.of(), Map.of(), RouteTable.empty());
}
