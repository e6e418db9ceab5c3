package io.conduit.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a separate JVM by {@link EmbeddedPostgresTest}: starts PostgreSQL on the given directory, writes
 * a row, then halts without running shutdown hooks, as a JVM killed with SIGKILL would, leaving the
 * server running.
 */
public final class PostgresInKilledJvm {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgres.Config.of(Path.of(args[0])));
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (body text)");
            statement.execute("INSERT INTO notes VALUES ('written before the kill')");
        }
        Runtime.getRuntime().halt(0);
    }
}
