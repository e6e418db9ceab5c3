package io.conduit.server.support;

import io.conduit.embedded.EmbeddedKafka;
import io.conduit.embedded.EmbeddedPostgres;
import io.conduit.embedded.EmbeddedS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Real Kafka, PostgreSQL and S3 servers, started once per test JVM on free loopback ports and
 * shared by the integration tests (each test names its entities uniquely).
 */
public final class TestInfrastructure {

    public static final String MASTER_KEY = "condt_master_test_key_for_integration_tests";

    private static TestInfrastructure instance;

    private final Path root;
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private final EmbeddedS3 s3;

    private TestInfrastructure() {
        try {
            root = Files.createTempDirectory("conduit-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(root.resolve("kafka")).withPort(0));
        postgres = EmbeddedPostgres.start(EmbeddedPostgres.Config.of(root.resolve("postgres")).withPort(0));
        s3 = EmbeddedS3.start(EmbeddedS3.Config.of(root.resolve("s3")).withPort(0));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s3.close();
            postgres.close();
            kafka.close();
        }));
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure();
        }
        return instance;
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    /** The environment of a Conduit process using these servers, on free ports, bound to loopback. */
    public Map<String, String> environment(String roles) {
        Map<String, String> env = new HashMap<>();
        env.put("CONDUIT_ROLES", roles);
        env.put("CONDUIT_BIND_ADDRESS", "127.0.0.1");
        env.put("CONDUIT_INGRESS_PORT", "0");
        env.put("CONDUIT_ADMIN_PORT", "0");
        env.put("CONDUIT_DATA_DIR", root.resolve("conduit").toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("DATABASE_URL", "postgresql://" + postgres.username() + ":" + postgres.password() + "@127.0.0.1:"
                + postgres.port() + "/" + postgres.database());
        env.put("CONDUIT_S3_ENDPOINT", s3.endpoint());
        env.put("CONDUIT_S3_ACCESS_KEY", s3.accessKey());
        env.put("CONDUIT_S3_SECRET_KEY", s3.secretKey());
        env.put("CONDUIT_API_TO_API_BACKEND_AUTH_KEY", MASTER_KEY);
        env.put("CONDUIT_ENCRYPTION_KEY", "q0v3J8m0pXn4b9g0Q2sVt1mYpW7c6b5a4Z3y2X1w0v8=");
        env.put("CONDUIT_KAFKA_REPLICATION_FACTOR", "1");
        return env;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String dbUser() {
        return postgres.username();
    }

    public String dbPassword() {
        return postgres.password();
    }

    public Map<String, String> environment() {
        return environment("ingress,admin");
    }
}
