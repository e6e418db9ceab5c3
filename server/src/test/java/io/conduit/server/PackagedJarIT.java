package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.testkit.FakeOpenAi;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution as a user runs it: {@code java -jar conduit.jar} with an empty data
 * directory starts everything it needs, serves a chat request, stops on SIGTERM, and after a
 * restart still knows its keys. No secret reaches its log.
 */
class PackagedJarIT {

    static final Path JAR = Path.of("target/conduit.jar");
    static final String PROVIDER_KEY = "sk-jar-provider-secret-55555";

    @TempDir
    Path dataDir;

    Process process;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void starts_from_an_empty_data_dir_serves_and_keeps_its_keys_across_a_restart() throws Exception {
        Map<String, String> ports = Map.of(
                "CONDUIT_INGRESS_PORT", freePort(), "CONDUIT_ADMIN_PORT", freePort(),
                "CONDUIT_EMBEDDED_KAFKA_PORT", freePort(), "CONDUIT_EMBEDDED_POSTGRES_PORT", freePort(),
                "CONDUIT_EMBEDDED_S3_PORT", freePort());
        int gatewayPort = Integer.parseInt(ports.get("CONDUIT_INGRESS_PORT"));
        try (FakeOpenAi upstream = FakeOpenAi.builder().requireApiKey(PROVIDER_KEY).start()) {
            Path log = dataDir.resolve("first.log");
            process = start(ports, log);
            awaitReady(gatewayPort);

            Path masterKeyFile = dataDir.resolve("data/master.key");
            assertThat(Files.getPosixFilePermissions(masterKeyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String masterKey = Files.readString(masterKeyFile).strip();
            AdminApi admin = new AdminApi(Integer.parseInt(ports.get("CONDUIT_ADMIN_PORT")), masterKey);
            String provider = admin.provider(upstream.baseUrl(), PROVIDER_KEY);
            String alias = admin.alias(provider, "gpt-4o-mini");
            String key = admin.key();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> chat(gatewayPort, key, alias) == 200);

            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            String firstLog = Files.readString(log);
            assertThat(firstLog).contains("Conduit stopped").contains(masterKeyFile.toString());
            assertThat(firstLog).doesNotContain(masterKey, key, PROVIDER_KEY);

            Path secondLog = dataDir.resolve("second.log");
            process = start(ports, secondLog);
            awaitReady(gatewayPort);
            assertThat(chat(gatewayPort, key, alias)).isEqualTo(200);
            assertThat(upstream.requests()).hasSize(2);
            assertThat(Files.readString(secondLog)).doesNotContain(masterKey, key, PROVIDER_KEY);
        }
    }

    Process start(Map<String, String> ports, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-jar", JAR.toAbsolutePath().toString())
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CONDUIT_") || name.equals("DATABASE_URL")
                || name.equals("KAFKA_BOOTSTRAP_SERVERS") || name.startsWith("OPENAI_"));
        builder.environment().putAll(ports);
        builder.environment().put("CONDUIT_BIND_ADDRESS", "127.0.0.1");
        return builder.start();
    }

    void awaitReady(int port) {
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("process running").isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    int chat(int port, String key, String alias) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Gateway.chat(alias, false))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        }
    }
}
