package io.conduit.provider.worker;

import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.proxy.ProviderAdapters;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The providers a job may run on, from the current configuration: the alias's deployments whose
 * adapter has the job's capability, by priority; and, for a job that already has a provider task,
 * that provider (by name) to resume it on.
 */
public final class JobTargets {

    private final GatewayConfigCache config;
    private final ProviderAdapters adapters;

    public JobTargets(GatewayConfigCache config, ProviderAdapters adapters) {
        this.config = config;
        this.adapters = adapters;
    }

    public List<JobTarget> plan(String alias, Predicate<ProviderAdapter> capable) {
        GatewaySnapshot snapshot = config.current();
        List<JobTarget> targets = new ArrayList<>();
        List<Deployment> deployments = snapshot.routes().route(alias).map(r -> r.deployments()).orElse(List.of()).stream()
                .sorted(Comparator.comparingInt(Deployment::priority)).toList();
        for (Deployment deployment : deployments) {
            ProviderEndpoint provider = snapshot.providers().get(deployment.providerId());
            ProviderAdapter adapter = provider == null ? null : adapters.get(provider.adapterId()).orElse(null);
            if (adapter != null && capable.test(adapter)) {
                targets.add(new JobTarget(provider, adapter, deployment.providerModel()));
            }
        }
        return targets;
    }

    /** The provider named {@code providerName} (as recorded on a job), with the model it was given. */
    public Optional<JobTarget> resume(String providerName, String providerModel) {
        GatewaySnapshot snapshot = config.current();
        return snapshot.providers().values().stream().filter(p -> p.providerName().equals(providerName)).findFirst()
                .flatMap(p -> adapters.get(p.adapterId()).map(a -> new JobTarget(p, a, providerModel)));
    }
}
