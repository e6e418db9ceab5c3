package io.conduit.server.settings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Everything a Conduit process is told by its environment. External Kafka, PostgreSQL or S3 are
 * used when configured; what is not configured is started embedded (single-node mode).
 *
 * @param kafkaBootstrap {@code KAFKA_BOOTSTRAP_SERVERS}, null to embed a broker
 * @param database {@code DATABASE_URL}, null to embed PostgreSQL
 * @param s3 the object store; its endpoint is null to embed one (unless {@code CONDUIT_S3_ENDPOINT} is set)
 * @param masterKey {@code CONDUIT_API_TO_API_BACKEND_AUTH_KEY}, null to generate one into the data dir
 * @param encryptionKey {@code CONDUIT_ENCRYPTION_KEY} (base64, 32 bytes), null to keep one in the data dir
 * @param kafkaReplicationFactor replication of created topics, null for the broker's default
 */
public record ServerSettings(
        Set<Role> roles,
        Path dataDir,
        String bindAddress,
        int ingressPort,
        int adminPort,
        int webuiPort,
        String kafkaBootstrap,
        int embeddedKafkaPort,
        DatabaseUrl database,
        int embeddedPostgresPort,
        S3Settings s3,
        int embeddedS3Port,
        String masterKey,
        String encryptionKey,
        Short kafkaReplicationFactor,
        Map<String, String> environment) {

    public static ServerSettings from(Map<String, String> env) {
        String databaseUrl = blankToNull(env.get("DATABASE_URL"));
        String replication = blankToNull(env.get("CONDUIT_KAFKA_REPLICATION_FACTOR"));
        return new ServerSettings(
                Role.parse(env.get("CONDUIT_ROLES")),
                Path.of(env.getOrDefault("CONDUIT_DATA_DIR", "./data")).toAbsolutePath().normalize(),
                env.getOrDefault("CONDUIT_BIND_ADDRESS", "0.0.0.0"),
                port(env, "CONDUIT_INGRESS_PORT", 5000),
                port(env, "CONDUIT_ADMIN_PORT", 5002),
                port(env, "CONDUIT_WEBUI_PORT", 5001),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                port(env, "CONDUIT_EMBEDDED_KAFKA_PORT", 9092),
                databaseUrl == null ? null : DatabaseUrl.parse(databaseUrl),
                port(env, "CONDUIT_EMBEDDED_POSTGRES_PORT", 5433),
                new S3Settings(
                        blankToNull(env.get("CONDUIT_S3_ENDPOINT")),
                        env.getOrDefault("CONDUIT_S3_REGION", "us-east-1"),
                        env.getOrDefault("CONDUIT_S3_BUCKET", "conduit"),
                        blankToNull(env.get("CONDUIT_S3_ACCESS_KEY")),
                        blankToNull(env.get("CONDUIT_S3_SECRET_KEY")),
                        !"false".equalsIgnoreCase(env.get("CONDUIT_S3_PATH_STYLE"))),
                port(env, "CONDUIT_EMBEDDED_S3_PORT", 9000),
                blankToNull(env.get("CONDUIT_API_TO_API_BACKEND_AUTH_KEY")),
                blankToNull(env.get("CONDUIT_ENCRYPTION_KEY")),
                replication == null ? null : Short.parseShort(replication),
                Map.copyOf(env));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number (0-65535), not '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "ServerSettings[roles=" + roles + ", dataDir=" + dataDir + "]";
    }
}
