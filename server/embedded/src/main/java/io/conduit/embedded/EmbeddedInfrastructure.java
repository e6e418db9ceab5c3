package io.conduit.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts the embedded servers that Conduit needs in single-node mode or in an integration test, side by
 * side under one data directory, and stops them together:
 *
 * <ul>
 *   <li>{@link Component#KAFKA} in {@code dataDir/kafka} ({@link EmbeddedKafka})</li>
 *   <li>{@link Component#POSTGRES} in {@code dataDir/postgres} ({@link EmbeddedPostgres})</li>
 *   <li>{@link Component#S3} in {@code dataDir/s3} ({@link EmbeddedS3})</li>
 * </ul>
 *
 * The requested components start in parallel, each on its own thread; if one fails, the others are
 * stopped again and the failure is thrown. {@link #close()} stops them one by one in reverse order
 * (S3, PostgreSQL, Kafka). Each component logs one line with its address once it runs.
 *
 * <pre>{@code
 * try (var infra = EmbeddedInfrastructure.start(dir, Ports.ephemeral(), EnumSet.allOf(Component.class))) {
 *     infra.kafka().bootstrapServers();
 *     infra.postgres().jdbcUrl();
 *     infra.s3().endpoint();
 * }
 * }</pre>
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    /** The servers this class can run, in start order (close goes the other way). */
    public enum Component {
        KAFKA, POSTGRES, S3
    }

    /**
     * Ports on 127.0.0.1, one per component; 0 picks a free port.
     *
     * @param kafka    the Kafka client port (the controller always gets a free port)
     * @param postgres the PostgreSQL port
     * @param s3       the S3 HTTP port
     */
    public record Ports(int kafka, int postgres, int s3) {

        public Ports {
            Loopback.checkPort(kafka);
            Loopback.checkPort(postgres);
            Loopback.checkPort(s3);
        }

        /** Free ports for every component. */
        public static Ports ephemeral() {
            return new Ports(0, 0, 0);
        }
    }

    private final Map<Component, AutoCloseable> running;

    private EmbeddedInfrastructure(Map<Component, AutoCloseable> running) {
        this.running = running;
    }

    /** Starts the given components in parallel under {@code dataDir} and returns once all of them run. */
    public static EmbeddedInfrastructure start(Path dataDir, Ports ports, Set<Component> components) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(ports, "ports");
        Map<Component, CompletableFuture<AutoCloseable>> starting = new EnumMap<>(Component.class);
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("embedded-start-", 0).factory())) {
            for (Component component : Component.values()) {
                if (!components.contains(component)) {
                    continue;
                }
                starting.put(component, CompletableFuture.supplyAsync(() -> startOne(component, dataDir, ports), threads));
            }
        }
        Map<Component, AutoCloseable> running = new EnumMap<>(Component.class);
        List<Throwable> failures = new ArrayList<>();
        starting.forEach((component, future) -> {
            try {
                running.put(component, future.join());
            } catch (CompletionException e) {
                failures.add(e.getCause());
            }
        });
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(running);
        if (!failures.isEmpty()) {
            RuntimeException failure = new IllegalStateException("embedded infrastructure did not start", failures.getFirst());
            failures.stream().skip(1).forEach(failure::addSuppressed);
            try {
                infrastructure.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        return infrastructure;
    }

    private static AutoCloseable startOne(Component component, Path dataDir, Ports ports) {
        return switch (component) {
            case KAFKA -> EmbeddedKafka.start(EmbeddedKafka.Config.of(dataDir.resolve("kafka")).withPort(ports.kafka()));
            case POSTGRES -> EmbeddedPostgres.start(EmbeddedPostgres.Config.of(dataDir.resolve("postgres"))
                    .withPort(ports.postgres()));
            case S3 -> EmbeddedS3.start(EmbeddedS3.Config.of(dataDir.resolve("s3")).withPort(ports.s3()));
        };
    }

    /** Whether {@code component} was requested (and so runs). */
    public boolean has(Component component) {
        return running.containsKey(component);
    }

    /** The Kafka broker; throws {@link IllegalStateException} if {@link Component#KAFKA} was not requested. */
    public EmbeddedKafka kafka() {
        return get(Component.KAFKA, EmbeddedKafka.class);
    }

    /** The PostgreSQL server; throws {@link IllegalStateException} if {@link Component#POSTGRES} was not requested. */
    public EmbeddedPostgres postgres() {
        return get(Component.POSTGRES, EmbeddedPostgres.class);
    }

    /** The S3 server; throws {@link IllegalStateException} if {@link Component#S3} was not requested. */
    public EmbeddedS3 s3() {
        return get(Component.S3, EmbeddedS3.class);
    }

    /** Stops the running components in reverse order, each even if stopping an earlier one failed. */
    @Override
    public void close() {
        List<Component> order = new ArrayList<>(running.keySet());
        RuntimeException failure = null;
        for (Component component : order.reversed()) {
            try {
                running.remove(component).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("embedded infrastructure did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private <T> T get(Component component, Class<T> type) {
        AutoCloseable server = running.get(component);
        if (server == null) {
            throw new IllegalStateException(component + " was not started (requested: " + running.keySet() + ")");
        }
        return type.cast(server);
    }
}
