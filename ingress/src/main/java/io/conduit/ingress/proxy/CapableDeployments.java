package io.conduit.ingress.proxy;

import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The deployments of an alias whose provider's adapter can do something (speak, generate video…),
 * by priority: how media calls and jobs pick their providers (chat has the router's strategies).
 */
public final class CapableDeployments {

    /** One deployment: its provider (main credential), the adapter speaking to it, and the model to ask for. */
    public record Capable(ProviderEndpoint endpoint, ProviderAdapter adapter, String providerModel) {

        @Override
        public String toString() {
            return "Capable[" + endpoint.providerName() + " " + providerModel + "]";
        }
    }

    private CapableDeployments() {}

    public static List<Capable> of(GatewaySnapshot snapshot, ProviderAdapters adapters, String alias,
            Predicate<ProviderAdapter> capable) {
        List<Capable> found = new ArrayList<>();
        List<Deployment> deployments = snapshot.routes().route(alias).map(route -> route.deployments()).orElse(List.of())
                .stream().sorted(Comparator.comparingInt(Deployment::priority)).toList();
        for (Deployment deployment : deployments) {
            ProviderEndpoint provider = snapshot.providers().get(deployment.providerId());
            ProviderAdapter adapter = provider == null ? null : adapters.get(provider.adapterId()).orElse(null);
            if (adapter != null && capable.test(adapter)) {
                found.add(new Capable(provider, adapter, deployment.providerModel()));
            }
        }
        return found;
    }
}
