package io.conduit.server.infra;

import io.conduit.embedded.EmbeddedKafka;
import io.conduit.embedded.EmbeddedPostgres;
import io.conduit.embedded.EmbeddedS3;
import io.conduit.server.settings.DatabaseUrl;
import io.conduit.server.settings.S3Settings;
import io.conduit.server.settings.ServerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts in-process whatever the environment does not point elsewhere — Kafka, PostgreSQL, the
 * S3 store — under the data directory, in parallel, and stops them in reverse order.
 */
public final class EmbeddedServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);

    private final List<AutoCloseable> started;
    private final Connections connections;

    private EmbeddedServices(List<AutoCloseable> started, Connections connections) {
        this.started = started;
        this.connections = connections;
    }

    public static EmbeddedServices startMissing(ServerSettings settings) {
        // Threads of our own: they inherit this thread's context class loader, which (in the packaged
        // jar) is the one that sees Kafka's classes; the common pool's threads do not.
        try (var starters = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("conduit-embedded-", 0).factory())) {
            return startMissing(settings, starters);
        }
    }

    private static EmbeddedServices startMissing(ServerSettings settings, Executor starters) {
        var kafka = settings.kafkaBootstrap() == null
                ? CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(
                        EmbeddedKafka.Config.of(settings.dataDir().resolve("kafka")).withPort(settings.embeddedKafkaPort())), starters)
                : CompletableFuture.<EmbeddedKafka>completedFuture(null);
        var postgres = settings.database() == null
                ? CompletableFuture.supplyAsync(() -> EmbeddedPostgres.start(
                        EmbeddedPostgres.Config.of(settings.dataDir().resolve("postgres")).withPort(settings.embeddedPostgresPort())), starters)
                : CompletableFuture.<EmbeddedPostgres>completedFuture(null);
        var s3 = settings.s3().endpoint() == null
                ? CompletableFuture.supplyAsync(() -> EmbeddedS3.start(
                        EmbeddedS3.Config.of(settings.dataDir().resolve("s3")).withPort(settings.embeddedS3Port())), starters)
                : CompletableFuture.<EmbeddedS3>completedFuture(null);
        CompletableFuture.allOf(kafka, postgres, s3).exceptionally(e -> null).join();
        List<AutoCloseable> started = new ArrayList<>();
        for (var future : List.of(kafka, postgres, s3)) {
            AutoCloseable service = (AutoCloseable) future.exceptionally(e -> null).join();
            if (service != null) {
                started.add(service);
            }
        }
        RuntimeException failure = firstFailure(kafka, postgres, s3);
        if (failure != null) {
            closeAll(started);
            throw failure;
        }
        EmbeddedKafka k = kafka.join();
        EmbeddedPostgres p = postgres.join();
        EmbeddedS3 s = s3.join();
        S3Settings external = settings.s3();
        return new EmbeddedServices(started, new Connections(
                k == null ? settings.kafkaBootstrap() : k.bootstrapServers(),
                p == null ? settings.database() : new DatabaseUrl(p.jdbcUrl(), p.username(), p.password()),
                s == null ? external : new S3Settings(s.endpoint(), s.region(), external.bucket(), s.accessKey(),
                        s.secretKey(), true)));
    }

    private static RuntimeException firstFailure(CompletableFuture<?>... futures) {
        for (CompletableFuture<?> future : futures) {
            try {
                future.join();
            } catch (java.util.concurrent.CompletionException e) {
                return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return null;
    }

    public Connections connections() {
        return connections;
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(List<AutoCloseable> services) {
        for (int i = services.size() - 1; i >= 0; i--) {
            closeQuietly(services.get(i));
        }
        services.clear();
    }

    private static void closeQuietly(AutoCloseable service) {
        if (service == null) {
            return;
        }
        try {
            service.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed: {}", service.getClass().getSimpleName(), e.toString());
        }
    }
}
