package io.conduit.provider.worker.spring;

import io.conduit.contracts.security.CredentialCipher;
import io.conduit.ingress.config.ConfigChangeListener;
import io.conduit.ingress.config.ConfigSnapshotLoader;
import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.proxy.KnownAdapters;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.spring.MediaJobsConfiguration;
import io.conduit.media.storage.ResultStore;
import io.conduit.provider.worker.JobEventPublisher;
import io.conduit.provider.worker.JobRunner;
import io.conduit.provider.worker.JobTargets;
import io.conduit.provider.worker.JobWorker;
import io.conduit.provider.worker.ProviderHttp;
import io.conduit.provider.worker.WorkerSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The workers role: runs media jobs from {@code conduit.jobs.requests.v1}. It keeps its own copy of
 * the gateway configuration (providers, credentials, routes), reloaded on {@code conduit.config.v1}.
 */
@Configuration(proxyBeanMethods = false)
@Import(MediaJobsConfiguration.class)
public class WorkersRoleConfiguration {

    /** The worker's own configuration cache and its listener, together so they close together. */
    record WorkerConfig(GatewayConfigCache cache, ConfigChangeListener listener) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            listener.close();
        }
    }

    @Bean(destroyMethod = "close")
    WorkerConfig workerConfig(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap, DataSource dataSource,
            CredentialCipher cipher) {
        GatewayConfigCache cache = new GatewayConfigCache(new ConfigSnapshotLoader(dataSource, cipher));
        ConfigChangeListener listener = new ConfigChangeListener(bootstrap, cache, Duration.ofMinutes(1));
        listener.start();
        return new WorkerConfig(cache, listener);
    }

    @Bean
    WorkerSettings workerSettings(@Value("${conduit.workers.max-concurrent-jobs:256}") int maxConcurrentJobs,
            @Value("${conduit.workers.poll-interval:2s}") Duration pollInterval,
            @Value("${conduit.workers.attempts:5}") int attempts,
            @Value("${conduit.workers.backoff:1s}") Duration backoff,
            @Value("${conduit.workers.connect-timeout:10s}") Duration connectTimeout,
            @Value("${conduit.workers.request-timeout:5m}") Duration requestTimeout,
            @Value("${conduit.workers.job-timeout:2h}") Duration jobTimeout) {
        return new WorkerSettings(maxConcurrentJobs, pollInterval, attempts, backoff, connectTimeout, requestTimeout, jobTimeout);
    }

    @Bean(destroyMethod = "close")
    JobEventPublisher jobEventPublisher(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap) {
        return new JobEventPublisher(bootstrap, "worker-" + UUID.randomUUID(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    JobWorker jobWorker(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap, WorkerConfig config, JobStore jobs,
            ResultStore results, JobEventPublisher events, WorkerSettings settings) {
        JobRunner runner = new JobRunner(jobs, results, new JobTargets(config.cache(), KnownAdapters.all()),
                new ProviderHttp(settings.connectTimeout(), settings.requestTimeout()), events, settings, Clock.systemUTC(),
                Thread::sleep);
        return new JobWorker(bootstrap, runner, settings.maxConcurrentJobs()).start();
    }
}
