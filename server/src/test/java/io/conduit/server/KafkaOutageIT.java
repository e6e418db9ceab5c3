package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.embedded.EmbeddedKafka;
import io.conduit.provider.testkit.FakeOpenAi;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.TestInfrastructure;
import io.conduit.server.support.UsageEvents;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kafka goes away: the gateway keeps serving, keeps every usage event on disk, and delivers them
 * all once Kafka is back — also when the gateway was restarted in between.
 */
class KafkaOutageIT {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void usage_events_survive_a_broker_outage_and_a_gateway_restart() throws Exception {
        Path kafkaDir = Files.createTempDirectory("outage-kafka");
        int kafkaPort = freePort();
        int ingressPort = freePort();
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(kafkaDir).withPort(kafkaPort));
        Map<String, String> env = TestInfrastructure.get().environment("ingress,admin");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CONDUIT_INGRESS_PORT", Integer.toString(ingressPort));
        env.put("CONDUIT_DATA_DIR", Files.createTempDirectory("outage-data").toString());
        env.put("CONDUIT_INGRESS_USAGE_SEND_TIMEOUT", "3s");
        List<String> requestIds = new ArrayList<>();
        try (FakeOpenAi upstream = FakeOpenAi.builder().requireApiKey(Gateway.PROVIDER_KEY).start()) {
            String key;
            String alias;
            try (ConduitServer gateway = ConduitServer.start(env)) {
                AdminApi admin = new AdminApi(gateway.adminPort(), TestInfrastructure.MASTER_KEY);
                alias = admin.alias(admin.provider(upstream.baseUrl(), Gateway.PROVIDER_KEY), "gpt-4o-mini");
                key = admin.key();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> chat(ingressPort, key, alias, "warm-" + UUID.randomUUID()) == 200);

                kafka.close();
                for (int i = 0; i < 10; i++) {
                    String id = "outage-" + UUID.randomUUID();
                    requestIds.add(id);
                    assertThat(chat(ingressPort, key, alias, id)).isEqualTo(200);
                }
            }

            kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(kafkaDir).withPort(kafkaPort));
            try (ConduitServer restarted = ConduitServer.start(env);
                    UsageEvents usage = new UsageEvents(kafka.bootstrapServers())) {
                for (int i = 0; i < 5; i++) {
                    String id = "after-" + UUID.randomUUID();
                    requestIds.add(id);
                    assertThat(chat(ingressPort, key, alias, id)).isEqualTo(200);
                }

                var events = usage.await(e -> requestIds.contains(e.requestId()), 15);
                assertThat(events.stream().map(e -> e.requestId()).distinct()).hasSize(15);
                assertThat(restarted.context().getBean(io.conduit.ingress.usage.SpooledUsagePublisher.class).droppedCount()).isZero();
            }
        } finally {
            kafka.close();
        }
    }

    int chat(int port, String key, String alias, String requestId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key).header("content-type", "application/json")
                        .header("x-request-id", requestId)
                        .POST(HttpRequest.BodyPublishers.ofString(Gateway.chat(alias, false))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
