package io.conduit.server;

import io.conduit.contracts.topic.Topics;
import io.conduit.ingress.http.GatewayServer;
import io.conduit.server.infra.Connections;
import io.conduit.server.infra.DatabaseMigrations;
import io.conduit.server.infra.EmbeddedServices;
import io.conduit.server.infra.TopicProvisioner;
import io.conduit.server.settings.LocalSecrets;
import io.conduit.server.settings.Role;
import io.conduit.server.settings.ServerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * One Conduit process. Reads its environment, starts embedded infrastructure for whatever is not
 * configured externally, prepares topics and schema, then starts the Spring application with the
 * roles of {@code CONDUIT_ROLES}. Closing it (or SIGTERM) stops the roles, then the embedded services.
 */
public final class ConduitServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConduitServer.class);

    private final ConfigurableApplicationContext context;
    private final EmbeddedServices embedded;

    private ConduitServer(ConfigurableApplicationContext context, EmbeddedServices embedded) {
        this.context = context;
        this.embedded = embedded;
    }

    public static void main(String[] args) {
        ConduitServer server;
        try {
            server = start(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            log.error("Conduit cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            log.error("Conduit cannot start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("conduit-shutdown").unstarted(server::close));
    }

    /**
     * Creates missing topics. An ingress-only instance starts also while Kafka is unreachable: it
     * serves and spools usage to disk until Kafka returns (the topics exist already then, or are
     * created by the next instance of another role).
     */
    private static void ensureTopics(ServerSettings settings, Connections connections) {
        boolean ingressOnly = settings.roles().stream().allMatch(role -> role == Role.INGRESS || !role.built());
        try {
            TopicProvisioner.ensure(connections.kafkaBootstrap(), Topics.all(),
                    settings.kafkaReplicationFactor() != null ? settings.kafkaReplicationFactor()
                            : settings.kafkaBootstrap() == null ? Short.valueOf((short) 1) : null,
                    Duration.ofSeconds(ingressOnly ? 10 : 60));
        } catch (IllegalStateException e) {
            if (!ingressOnly) {
                throw e;
            }
            log.warn("Kafka is unreachable ({}); serving anyway, usage is spooled on disk until it returns", e.getMessage());
        }
    }

    /** Starts a process as the given environment describes; the caller closes it. */
    public static ConduitServer start(Map<String, String> environment, String... args) {
        ServerSettings settings = ServerSettings.from(environment);
        settings.roles().stream().filter(role -> !role.built())
                .forEach(role -> log.warn("Role '{}' has nothing to run in this version yet", role.id()));
        EmbeddedServices embedded = EmbeddedServices.startMissing(settings);
        try {
            Connections connections = embedded.connections();
            ensureTopics(settings, connections);
            DatabaseMigrations.migrate(connections.database());
            SpringApplication application = new SpringApplication(ServerApplication.class);
            application.setDefaultProperties(springProperties(settings, connections));
            application.setWebApplicationType(settings.has(Role.ADMIN) ? WebApplicationType.SERVLET : WebApplicationType.NONE);
            application.setRegisterShutdownHook(false);
            // CONDUIT_INGRESS_* and friends bind to conduit.ingress.* with Spring's relaxed rules, also
            // when the environment is given as a map (tests, embedding); Boot maps names relaxedly only for
            // sources named like "…-systemEnvironment"
            application.addInitializers(context -> context.getEnvironment().getPropertySources().addFirst(
                    new SystemEnvironmentPropertySource("conduit-systemEnvironment", new HashMap<String, Object>(settings.environment()))));
            ConduitServer server = new ConduitServer(application.run(args), embedded);
            log.info("Conduit started with roles {}", settings.roles().stream().map(Role::id).toList());
            return server;
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private static Map<String, Object> springProperties(ServerSettings settings, Connections connections) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.banner-mode", "off");
        // roles without a servlet container (ingress, ledger alone) run on daemon threads only
        properties.put("spring.main.keep-alive", "true");
        properties.put("spring.flyway.enabled", "false");
        properties.put("spring.datasource.url", connections.database().jdbcUrl());
        if (connections.database().username() != null) {
            properties.put("spring.datasource.username", connections.database().username());
        }
        if (connections.database().password() != null) {
            properties.put("spring.datasource.password", connections.database().password());
        }
        properties.put("spring.datasource.hikari.maximum-pool-size", "10");
        properties.put("conduit.kafka.bootstrap-servers", connections.kafkaBootstrap());
        if (connections.s3().endpoint() != null) {
            properties.put("conduit.s3.endpoint", connections.s3().endpoint());
        }
        properties.put("conduit.s3.region", connections.s3().region());
        properties.put("conduit.s3.bucket", connections.s3().bucket());
        properties.put("conduit.s3.path-style", Boolean.toString(connections.s3().pathStyle()));
        if (connections.s3().accessKey() != null) {
            properties.put("conduit.s3.access-key", connections.s3().accessKey());
            properties.put("conduit.s3.secret-key", connections.s3().secretKey());
        }
        String redis = settings.environment().get("REDIS_URL");
        if (redis != null && !redis.isBlank()) {
            properties.put("conduit.redis.url", redis.strip());
        }
        properties.put("conduit.encryption-key", LocalSecrets.encryptionKey(settings));
        for (Role role : Role.values()) {
            properties.put("conduit.roles." + role.id(), Boolean.toString(settings.has(role)));
        }
        // webhooks are enqueued by every job role, delivered by the media-jobs role
        properties.put("conduit.webhooks.enabled", Boolean.toString(settings.has(Role.MEDIA_JOBS)));
        properties.put("conduit.ingress.host", settings.bindAddress());
        properties.put("conduit.ingress.port", Integer.toString(settings.ingressPort()));
        putIfSet(properties, settings.environment(), "CONDUIT_MAX_BODY_BYTES", "conduit.ingress.max-body-bytes");
        putIfSet(properties, settings.environment(), "CONDUIT_UPSTREAM_CONNECT_TIMEOUT", "conduit.ingress.connect-timeout");
        putIfSet(properties, settings.environment(), "CONDUIT_UPSTREAM_READ_TIMEOUT", "conduit.ingress.read-timeout");
        putIfSet(properties, settings.environment(), "CONDUIT_UPSTREAM_TRY_TIMEOUT", "conduit.ingress.try-timeout");
        putIfSet(properties, settings.environment(), "CONDUIT_MAX_ATTEMPTS", "conduit.ingress.max-attempts");
        putIfSet(properties, settings.environment(), "CONDUIT_REQUEST_DEADLINE", "conduit.ingress.request-deadline");
        properties.put("conduit.ingress.usage-spool-dir", settings.dataDir().resolve("usage-spool").toString());
        properties.put("conduit.ledger.state-dir", settings.dataDir().resolve("ledger").toString());
        properties.put("conduit.ledger.replication-factor", settings.kafkaReplicationFactor() != null
                ? settings.kafkaReplicationFactor().toString() : settings.kafkaBootstrap() == null ? "1" : "-1");
        if (settings.has(Role.ADMIN)) {
            properties.put("conduit.admin.master-key", LocalSecrets.masterKey(settings));
            properties.put("server.address", settings.bindAddress());
            properties.put("server.port", Integer.toString(settings.adminPort()));
            putIfSet(properties, settings.environment(), "CONDUIT_CONFIG_FILE", "conduit.admin.config-file");
            putIfSet(properties, settings.environment(), "OPENAI_API_KEY", "conduit.admin.openai-api-key");
            putIfSet(properties, settings.environment(), "OPENAI_BASE_URL", "conduit.admin.openai-base-url");
            properties.put("springdoc.api-docs.path", "/openapi.json");
            properties.put("springdoc.swagger-ui.path", "/docs");
        }
        return properties;
    }

    private static void putIfSet(Map<String, Object> properties, Map<String, String> env, String variable, String property) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            properties.put(property, value.strip());
        }
    }

    /** The gateway API's port (when the ingress role runs). */
    public int ingressPort() {
        return context.getBean(GatewayServer.class).port();
    }

    /** The admin API's port (when the admin role runs). */
    public int adminPort() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        log.info("Conduit stopping");
        try {
            context.close();
        } finally {
            embedded.close();
        }
        log.info("Conduit stopped");
    }
}
