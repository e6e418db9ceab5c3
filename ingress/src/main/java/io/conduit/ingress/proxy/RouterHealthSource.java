package io.conduit.ingress.proxy;

import io.conduit.contracts.routing.DeploymentHealth;
import io.conduit.contracts.routing.DeploymentHealthSource;
import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;
import io.conduit.router.Route;
import io.conduit.router.Router;
import io.conduit.router.health.StatsSnapshot;
import java.util.ArrayList;
import java.util.List;

/** This instance's view of every configured deployment's health, for the admin API. */
public final class RouterHealthSource implements DeploymentHealthSource {

    private final GatewayConfigCache config;
    private final Router router;

    public RouterHealthSource(GatewayConfigCache config, Router router) {
        this.config = config;
        this.router = router;
    }

    @Override
    public List<DeploymentHealth> deploymentHealth() {
        GatewaySnapshot snapshot = config.current();
        List<DeploymentHealth> health = new ArrayList<>();
        for (String alias : snapshot.routes().aliases().stream().sorted().toList()) {
            Route route = snapshot.routes().route(alias).orElseThrow();
            for (Deployment d : route.deployments()) {
                StatsSnapshot s = router.health().of(d.id()).snapshot();
                ProviderEndpoint provider = snapshot.providers().get(d.providerId());
                health.add(new DeploymentHealth(d.id(), alias, provider == null ? null : provider.providerName(),
                        d.providerModel(), s.circuitState(), s.failureRate(), orNull(s.ewmaTtftMillis()),
                        orNull(s.ewmaLatencyMillis()), s.inFlight(), s.requestsLastMinute(), s.tokensLastMinute(),
                        s.cooldownUntil(), s.available()));
            }
        }
        return health;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
