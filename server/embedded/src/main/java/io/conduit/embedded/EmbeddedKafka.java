package io.conduit.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka cluster running inside this JVM: one KRaft node (id 1) that is both
 * broker and controller, with a plaintext listener on {@code 127.0.0.1:port} and a controller listener on
 * another free loopback port.
 *
 * <p>The data directory is formatted on the first start only (when it holds no {@code meta.properties});
 * later starts over the same directory keep topics, records and committed offsets. Settings suit a single
 * node: replication factor 1 for the internal topics (so transactions and exactly-once Kafka Streams
 * work), 5 partitions for the consumer-offsets, transaction and share-state topics, no topic
 * auto-creation, one partition per new topic by default. Extra broker properties can be given in the
 * {@link Config}.
 *
 * <p>Like a standalone Kafka process, the broker halts the JVM on errors it cannot survive (for example
 * when its log directory fails).
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(dir))) {
 *     String bootstrap = kafka.bootstrapServers(); // "127.0.0.1:41234"
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int COORDINATOR_PARTITIONS = 5;

    /**
     * How to run the broker.
     *
     * @param dataDir    the Kafka log directory (also holds the KRaft metadata log); created if missing
     * @param port       the client port on 127.0.0.1, or 0 to pick a free one
     * @param properties extra broker properties that override the defaults
     */
    public record Config(Path dataDir, int port, Map<String, String> properties) {

        public Config {
            Objects.requireNonNull(dataDir, "dataDir");
            Loopback.checkPort(port);
            properties = Map.copyOf(properties);
        }

        /** A broker on a free port, with the default settings. */
        public static Config of(Path dataDir) {
            return new Config(dataDir, 0, Map.of());
        }

        public Config withPort(int port) {
            return new Config(dataDir, port, properties);
        }

        /** The same config with one more broker property (e.g. {@code log.retention.ms}). */
        public Config withProperty(String key, String value) {
            Map<String, String> more = new HashMap<>(properties);
            more.put(key, value);
            return new Config(dataDir, port, more);
        }
    }

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Formats the data directory if it is new, starts the node and returns once the broker accepts clients. */
    public static EmbeddedKafka start(Config config) {
        long started = System.nanoTime();
        Path dataDir = config.dataDir().toAbsolutePath();
        int port = Loopback.portOrFree(config.port());
        int controllerPort = freePortOtherThan(port);
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(brokerProperties(dataDir, port, controllerPort, config), false);
        formatIfNew(dataDir);
        KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        EmbeddedKafka kafka = new EmbeddedKafka(server, dataDir, port);
        log.info("Embedded Kafka started at {} in {} ms (data: {})",
                kafka.bootstrapServers(), Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir);
        return kafka;
    }

    /** The {@code bootstrap.servers} value for clients, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return Loopback.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker and controller down cleanly and waits until they have stopped. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            long started = System.nanoTime();
            server.shutdown();
            server.awaitShutdown();
            log.info("Embedded Kafka at {} stopped in {} ms", bootstrapServers(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    private static Properties brokerProperties(Path dataDir, int port, int controllerPort, Config config) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + Loopback.HOST + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + Loopback.HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + Loopback.HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + Loopback.HOST + ":" + port);
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", dataDir.toString());
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // 5 instead of 50 coordinator partitions: on 2 cores a consumer group's first join takes about
        // 0.2 s instead of 0.6-0.9 s and a restart 0.3 s instead of 0.55 s. Fixed once these topics exist:
        // never change them for an existing data directory.
        props.put("offsets.topic.num.partitions", String.valueOf(COORDINATOR_PARTITIONS));
        props.put("transaction.state.log.num.partitions", String.valueOf(COORDINATOR_PARTITIONS));
        props.put("share.coordinator.state.topic.num.partitions", String.valueOf(COORDINATOR_PARTITIONS));
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        props.putAll(config.properties());
        return props;
    }

    /** Formats a new log directory, as {@code kafka-storage.sh format} would; leaves a formatted one alone. */
    private static void formatIfNew(Path dataDir) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(dataDir);
            new Formatter()
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data directory " + dataDir, e);
        }
        log.debug("Formatted Kafka data directory {}: {}", dataDir, output.toString(StandardCharsets.UTF_8).strip());
    }

    private static int freePortOtherThan(int port) {
        int candidate = Loopback.freePort();
        while (candidate == port) {
            candidate = Loopback.freePort();
        }
        return candidate;
    }
}
