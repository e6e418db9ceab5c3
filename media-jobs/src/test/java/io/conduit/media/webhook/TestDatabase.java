package io.conduit.media.webhook;

import io.conduit.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL (embedded binaries) started once per test JVM. The schema is migrated once into a
 * template database with the admin module's Flyway migrations; every test gets a fresh copy, so
 * dispatchers of different tests never see each other's messages.
 */
final class TestDatabase {

    private static final String TEMPLATE = "webhooks_template";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {}

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("conduit-webhooks-pg-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = EmbeddedPostgres.start(EmbeddedPostgres.Config.of(dir).withPort(0).withDatabase(TEMPLATE));
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            Flyway.configure()
                    .dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                    .locations("filesystem:" + migrations())
                    .load()
                    .migrate();
        }
        return postgres;
    }

    private static Path migrations() {
        String configured = System.getProperty("conduit.migrations");
        Path path = configured != null ? Path.of(configured) : Path.of("..", "admin", "src", "main", "resources", "db", "migration");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("the migrations are not at " + path.toAbsolutePath());
        }
        return path.toAbsolutePath().normalize();
    }

    /** A new database with the migrated schema. */
    static DataSource fresh() {
        EmbeddedPostgres server = server();
        String name = "webhooks_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url(server, "postgres"), server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + TEMPLATE
                    + "' and pid <> pg_backend_pid()");
            statement.execute("create database " + name + " template " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url(server, name));
        dataSource.setUser(server.username());
        dataSource.setPassword(server.password());
        return dataSource;
    }

    private static String url(EmbeddedPostgres server, String database) {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database;
    }
}
