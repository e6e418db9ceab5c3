package io.conduit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @TempDir
    Path dir;

    @Test
    void restart_keeps_data() throws Exception {
        EmbeddedPostgres.Config config = EmbeddedPostgres.Config.of(dir.resolve("postgres"));
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(config)) {
            execute(pg, "CREATE TABLE notes (id int PRIMARY KEY, body text)");
            execute(pg, "INSERT INTO notes VALUES (1, 'survives restarts')");
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(config)) {
            assertThat(queryString(pg, "SELECT body FROM notes WHERE id = 1")).isEqualTo("survives restarts");
        }
    }

    @Test
    void serves_the_conduit_database_on_loopback_only_with_durable_commits() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgres.Config.of(dir.resolve("postgres")))) {
            assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/conduit");
            assertThat(queryString(pg, "SELECT current_database()")).isEqualTo("conduit");
            assertThat(queryString(pg, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(queryString(pg, "SHOW unix_socket_directories")).isEmpty();
            assertThat(queryString(pg, "SHOW server_version")).startsWith("17.");
            assertThat(queryString(pg, "SHOW fsync")).isEqualTo("on");
            assertThat(queryString(pg, "SHOW synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void requires_the_configured_password() throws Exception {
        EmbeddedPostgres.Config config = EmbeddedPostgres.Config.of(dir.resolve("postgres")).withPassword("s3cret");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(config)) {
            assertThat(pg.password()).isEqualTo("s3cret");
            assertThat(queryString(pg, "SELECT current_user")).isEqualTo("postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "wrong").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void restart_stops_a_server_left_running_by_a_killed_jvm() throws Exception {
        Path dataDir = dir.resolve("postgres");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), PostgresInKilledJvm.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM exited").isTrue();
        assertThat(child.exitValue()).as("child JVM exit code, see child.log").isZero();
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        try (EmbeddedPostgres pg = EmbeddedPostgres.start(EmbeddedPostgres.Config.of(dataDir))) {
            assertThat(queryString(pg, "SELECT body FROM notes")).isEqualTo("written before the kill");
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        }
    }

    private static void execute(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryString(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
