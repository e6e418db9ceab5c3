package io.conduit.ingress.proxy;

import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;
import io.conduit.router.Route;
import java.util.Map;

/** Resolves a key's request for an alias to a {@link Target}: access check, route, provider, adapter. */
final class TargetResolver {

    private final ProviderAdapters adapters;

    TargetResolver(ProviderAdapters adapters) {
        this.adapters = adapters;
    }

    Target resolve(GatewaySnapshot snapshot, VirtualKey key, String alias) {
        if (!key.mayUse(alias)) {
            throw GatewayException.modelNotAllowed(alias);
        }
        Route route = snapshot.routes().route(alias).orElseThrow(() -> GatewayException.modelNotFound(alias));
        Deployment deployment = route.attemptOrder().getFirst();
        ProviderEndpoint provider = snapshot.providers().get(deployment.providerId());
        ProviderAdapter adapter = provider == null ? null : adapters.get(provider.adapterId()).orElse(null);
        if (adapter == null) {
            throw new GatewayException(503, "api_error", "provider_unavailable", "model",
                    "The model '" + alias + "' has no usable provider configured.", Map.of());
        }
        return new Target(deployment, provider, adapter);
    }
}
