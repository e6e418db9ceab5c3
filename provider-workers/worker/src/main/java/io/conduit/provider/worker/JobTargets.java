package io.conduit.provider.worker;

import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.proxy.CapableDeployments;
import io.conduit.ingress.proxy.ProviderAdapters;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
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
        return CapableDeployments.of(config.current(), adapters, alias, capable).stream()
                .map(d -> new JobTarget(d.endpoint(), d.adapter(), d.providerModel())).toList();
    }

    /** The provider named {@code providerName} (as recorded on a job), with the model it was given. */
    public Optional<JobTarget> resume(String providerName, String providerModel) {
        GatewaySnapshot snapshot = config.current();
        return snapshot.providers().values().stream().filter(p -> p.providerName().equals(providerName)).findFirst()
                .flatMap(p -> adapters.get(p.adapterId()).map(a -> new JobTarget(p, a, providerModel)));
    }
}
