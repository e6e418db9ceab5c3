package io.conduit.ingress.spring;

import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogFollower;
import io.conduit.contracts.pricing.UnpricedPolicy;
import io.conduit.contracts.security.CredentialCipher;
import io.conduit.ingress.auth.Authenticator;
import io.conduit.ingress.config.ConfigChangeListener;
import io.conduit.ingress.config.ConfigSnapshotLoader;
import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.health.HealthHandler;
import io.conduit.ingress.health.ReadinessCheck;
import io.conduit.ingress.health.ReadinessMonitor;
import io.conduit.ingress.http.GatewayServer;
import io.conduit.ingress.http.ModelsHandler;
import io.conduit.ingress.jobs.JobRequestPublisher;
import io.conduit.ingress.jobs.JobRoutes;
import io.conduit.ingress.jobs.JobsApi;
import io.conduit.ingress.jobs.JobsApiSettings;
import io.conduit.ingress.proxy.AttemptPlanner;
import io.conduit.ingress.proxy.FailoverExchange;
import io.conduit.ingress.budget.BudgetGuard;
import io.conduit.ingress.proxy.KnownAdapters;
import io.conduit.ingress.proxy.PriceCheck;
import io.conduit.ingress.proxy.ProviderAdapters;
import io.conduit.ingress.proxy.ProviderKeyRing;
import io.conduit.ingress.proxy.RetryPolicy;
import io.conduit.ingress.proxy.RouterHealthSource;
import io.conduit.contracts.routing.DeploymentHealthSource;
import io.conduit.ingress.proxy.ProxyHandler;
import io.conduit.ingress.proxy.TokenEstimator;
import io.conduit.ingress.proxy.UpstreamClient;
import io.conduit.ingress.usage.CallJournal;
import io.conduit.ingress.usage.SpooledUsagePublisher;
import io.conduit.ingress.usage.UsageMetrics;
import io.conduit.ingress.usage.UsageSpool;
import io.conduit.media.jobs.JobNotifications;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.jobs.JobTransitions;
import io.conduit.media.spring.MediaJobsConfiguration;
import io.conduit.media.storage.ResultStore;
import io.conduit.router.Router;
import io.conduit.router.health.HealthRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The ingress role's wiring. Imported by the server when the role is on. The job API uses the
 * media-jobs library ({@link MediaJobsConfiguration}: needs a DataSource, an S3Client and an S3Presigner).
 */
@Configuration(proxyBeanMethods = false)
@Import({BudgetConfiguration.class, MediaJobsConfiguration.class})
@EnableConfigurationProperties(IngressProperties.class)
public class IngressConfiguration {

    @Bean
    GatewayConfigCache gatewayConfigCache(DataSource dataSource, CredentialCipher cipher) {
        return new GatewayConfigCache(new ConfigSnapshotLoader(dataSource, cipher));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ConfigChangeListener configChangeListener(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap,
            GatewayConfigCache cache, IngressProperties properties) {
        return new ConfigChangeListener(bootstrap, cache, properties.configReloadInterval());
    }

    @Bean(destroyMethod = "close")
    SpooledUsagePublisher usagePublisher(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap,
            IngressProperties properties, org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
        // one spool per instance: by port when fixed, so a restart finds (and sends) what it left
        String instance = properties.port() == 0 ? "ingress-" + java.util.UUID.randomUUID() : "ingress-" + properties.port();
        java.nio.file.Path directory = properties.usageSpoolDir().resolve(instance);
        UsageSpool spool = new UsageSpool(directory, properties.usageSpoolMaxBytes());
        SpooledUsagePublisher publisher = new SpooledUsagePublisher(bootstrap, spool, new CallJournal(directory),
                properties.usageQueueCapacity(), properties.usageSendTimeout());
        UsageMetrics.register(publisher, registry.getIfAvailable(() -> io.micrometer.core.instrument.Metrics.globalRegistry));
        return publisher;
    }

    @Bean(destroyMethod = "close")
    UpstreamClient upstreamClient(IngressProperties properties) {
        return new UpstreamClient(properties.connectTimeout(), properties.readTimeout(), properties.maxConnectionsPerHost());
    }

    @Bean(destroyMethod = "close")
    ReadinessMonitor readinessMonitor(List<ReadinessCheck> checks, GatewayConfigCache cache) {
        List<ReadinessCheck> all = new ArrayList<>(checks);
        all.add(new ReadinessCheck() {
            public String name() {
                return "configuration";
            }

            public boolean check() {
                return cache.loaded();
            }
        });
        return new ReadinessMonitor(all, Duration.ofSeconds(1));
    }

    /** Readiness waits until the whole process (every role, e.g. the admin API) has started. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> readinessOnStart(ReadinessMonitor readiness) {
        return event -> readiness.markStarted();
    }

    @Bean
    Router router(IngressProperties properties) {
        return new Router(new HealthRegistry(properties.circuit().toPolicy(), Clock.systemUTC()));
    }

    @Bean
    DeploymentHealthSource deploymentHealthSource(GatewayConfigCache cache, Router router) {
        return new RouterHealthSource(cache, router);
    }

    /** Refuses unpriced models when {@code CONDUIT_LEDGER_UNPRICED_POLICY=reject}, with prices followed from {@code conduit.prices.v1}. */
    @Bean
    PriceCheck priceCheck(@Value("${conduit.ledger.unpriced-policy:flag}") String policy, PriceCatalogFollower prices)
            throws InterruptedException {
        if (UnpricedPolicy.parse(policy) != UnpricedPolicy.REJECT) {
            return PriceCheck.ANY;
        }
        prices.awaitCaughtUp(Duration.ofSeconds(10));
        return PriceCheck.pricedIn(prices);
    }

    @Bean(destroyMethod = "close")
    JobRequestPublisher jobRequestPublisher(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap,
            IngressProperties properties) {
        return new JobRequestPublisher(bootstrap, properties.jobs().publishTimeout());
    }

    @Bean
    JobsApi.Library jobLibrary(JobStore store, ResultStore results, JobTransitions transitions,
            JobNotifications notifications) {
        return new JobsApi.Library(store, results, transitions, notifications);
    }

    @Bean(destroyMethod = "close")
    GatewayServer gatewayServer(IngressProperties properties, GatewayConfigCache cache, UpstreamClient upstream,
            SpooledUsagePublisher usage, ReadinessMonitor readiness, ConfigChangeListener listener, Router router,
            BudgetGuard budgets, PriceCheck prices, JobsApi.Library jobLibrary, JobRequestPublisher jobQueue)
            throws java.io.IOException {
        Clock clock = Clock.systemUTC();
        Authenticator authenticator = new Authenticator(cache, clock);
        ProviderAdapters adapters = KnownAdapters.all();
        RetryPolicy retry = new RetryPolicy(properties.maxAttempts(), properties.retryBackoff(), properties.maxRetryBackoff(),
                properties.requestDeadline());
        ProviderKeyRing keyRing = new ProviderKeyRing(clock);
        FailoverExchange.Dependencies dependencies = new FailoverExchange.Dependencies(upstream, usage, new TokenEstimator(),
                router, keyRing, retry, properties.tryTimeout(), clock);
        ProxyHandler proxy = new ProxyHandler(cache, authenticator, new AttemptPlanner(adapters, router, keyRing, prices),
                dependencies, budgets, properties.maxBodyBytes(), properties.budgetDefaultMaxOutputTokens());
        JobsApiSettings jobSettings = properties.jobs().toSettings(properties.maxBodyBytes());
        java.nio.file.Files.createDirectories(jobSettings.uploadDir());
        JobsApi jobs = new JobsApi(cache, authenticator, adapters, budgets, jobLibrary, jobQueue, jobSettings, clock);
        return new GatewayServer(properties.host(), properties.port(), proxy, new ModelsHandler(cache, authenticator, adapters),
                new HealthHandler(readiness), new JobRoutes(jobs, upstream, usage));
    }
}
