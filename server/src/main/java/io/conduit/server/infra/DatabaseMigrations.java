package io.conduit.server.infra;

import io.conduit.server.settings.DatabaseUrl;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date (Flyway, {@code classpath:db/migration}) before any role reads it. */
public final class DatabaseMigrations {

    private DatabaseMigrations() {}

    public static void migrate(DatabaseUrl database) {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
