package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import io.conduit.embedded.EmbeddedKafka;
import io.conduit.provider.testkit.Behavior;
import io.conduit.provider.testkit.FakeOpenAi;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing counted twice, on real processes: the broker is stopped for 60 s while
 * requests flow through a gateway process, which is killed with SIGKILL in the middle of it (calls
 * in flight) and started again; once the broker is back, the spend stream has exactly one record
 * per call the provider received.
 */
class GatewayCrashIT {

    static final Path JAR = Path.of("target/conduit.jar");
    static final Duration OUTAGE = Duration.ofSeconds(60);

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void every_call_the_provider_saw_is_priced_exactly_once_after_an_outage_and_a_kill() throws Exception {
        Path kafkaDir = Files.createTempDirectory("crash-kafka");
        Path gatewayDir = Files.createTempDirectory("crash-gateway");
        int kafkaPort = freePort();
        int ingressPort = freePort();
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(kafkaDir).withPort(kafkaPort));
        Map<String, String> env = TestInfrastructure.get().environment("admin,ledger");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CONDUIT_DATA_DIR", Files.createTempDirectory("crash-ledger").toString());
        env.put("CONDUIT_LEDGER_APPLICATION_ID", "crash-ledger");
        Process gateway = null;
        try (FakeOpenAi upstream = FakeOpenAi.builder().requireApiKey(Gateway.PROVIDER_KEY)
                        .defaultBehavior(Behavior.reply("one", " two", " three", " four", " five")
                                .withChunkDelay(Duration.ofMillis(60)))
                        .start();
                ConduitServer control = ConduitServer.start(env)) {
            AdminApi admin = new AdminApi(control.adminPort(), TestInfrastructure.MASTER_KEY);
            String alias = admin.alias(admin.provider(upstream.baseUrl(), Gateway.PROVIDER_KEY), "gpt-4o-mini");
            var created = admin.ok("POST", "/api/virtual-keys", "{\"name\":\"" + AdminApi.unique("crash") + "\"}");
            String key = created.path("key").asString();
            String keyId = created.path("id").asString();

            Map<String, String> gatewayEnv = new HashMap<>(TestInfrastructure.get().environment("ingress"));
            gatewayEnv.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            gatewayEnv.put("CONDUIT_INGRESS_PORT", Integer.toString(ingressPort));
            gatewayEnv.put("CONDUIT_DATA_DIR", gatewayDir.resolve("data").toString());
            gatewayEnv.put("CONDUIT_INGRESS_USAGE_SEND_TIMEOUT", "3s");
            gateway = startGateway(gatewayEnv, gatewayDir.resolve("first.log"));
            awaitServing(ingressPort, key, alias);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            Set<String> failures = ConcurrentHashMap.newKeySet();
            ExecutorService clients = Executors.newFixedThreadPool(6);
            try {
                for (int i = 0; i < 6; i++) {
                    boolean stream = i % 2 == 0;
                    clients.submit(() -> {
                        while (running.get()) {
                            try {
                                if (chat(ingressPort, key, alias, stream) == 200) {
                                    answered.incrementAndGet();
                                }
                            } catch (IOException e) {
                                failures.add(e.getClass().getSimpleName()); // the gateway is down for a moment
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    });
                }
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() >= 20);

                kafka.close();
                long outageStart = System.nanoTime();
                int before = answered.get();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= before + 30);
                gateway.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL, calls in flight
                gateway = startGateway(gatewayEnv, gatewayDir.resolve("second.log"));
                int afterKill = answered.get();
                // a restart under load on a busy machine can take a while: it is bounded, not timed
                Awaitility.await().atMost(Duration.ofSeconds(240)).until(() -> answered.get() >= afterKill + 30);
                Awaitility.await().atMost(OUTAGE.plusSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> System.nanoTime() - outageStart >= OUTAGE.toNanos());

                kafka = EmbeddedKafka.start(EmbeddedKafka.Config.of(kafkaDir).withPort(kafkaPort));
                int afterOutage = answered.get();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= afterOutage + 10);
            } finally {
                running.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            int calls = upstream.requests().size();
            List<SpendRecord> spend = awaitSpend(kafka.bootstrapServers(), keyId, calls);
            assertThat(spend).extracting(SpendRecord::id).doesNotHaveDuplicates();
            assertThat(spend).as("one spend record per call the provider received").hasSize(calls);
            assertThat(spend).extracting(SpendRecord::outcome).isSubsetOf("ok", "gateway_interrupted", "client_aborted");
            assertThat(spend).allSatisfy(r -> assertThat(r.totalMicros()).isPositive());
        } finally {
            if (gateway != null && gateway.isAlive()) {
                gateway.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            kafka.close();
        }
    }

    /** Reads the whole spend stream (committed records) until the key has {@code expected} records and a moment more passed. */
    List<SpendRecord> awaitSpend(String bootstrap, String keyId, int expected) {
        Map<String, SpendRecord> byId = new HashMap<>();
        List<SpendRecord> all = new ArrayList<>();
        try (KafkaConsumer<String, SpendRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.SPEND.keySerde().deserializer(), Topics.SPEND.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SPEND.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (keyId.equals(r.value().keyId())) {
                        all.add(r.value());
                        byId.put(r.value().id(), r.value());
                    }
                });
                return byId.size() >= expected;
            });
            // anything still arriving (a duplicate would) gets a moment to show
            Awaitility.await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (keyId.equals(r.value().keyId())) {
                        all.add(r.value());
                    }
                });
                return true;
            });
        }
        return all;
    }

    Process startGateway(Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CONDUIT_") || name.equals("DATABASE_URL")
                || name.equals("KAFKA_BOOTSTRAP_SERVERS") || name.startsWith("OPENAI_") || name.equals("REDIS_URL"));
        builder.environment().putAll(env);
        return builder.start();
    }

    void awaitServing(int port, String key, String alias) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> chat(port, key, alias, false) == 200);
    }

    int chat(int port, String key, String alias, boolean stream) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + key).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Gateway.chat(alias, stream))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
