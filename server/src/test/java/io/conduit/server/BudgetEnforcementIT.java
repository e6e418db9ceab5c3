package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.topic.Topics;
import io.conduit.embedded.LocalRedis;
import io.conduit.provider.testkit.Behavior;
import io.conduit.provider.testkit.FakeOpenAi;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Budgets and prepaid balances enforced before the call, across two ingress instances sharing a
 * real Redis, with a real ledger posting spend to {@code conduit.budget-state.v1}.
 */
class BudgetEnforcementIT {

    /** gpt-4o in the bundled catalog: $10 per million output tokens, so 10,000 output tokens are worth $0.10. */
    static final int MAX_TOKENS_FOR_TEN_CENTS = 9_990;

    static LocalRedis redis;
    static FakeOpenAi upstream;
    static ConduitServer first;
    static ConduitServer second;
    static AdminApi admin;
    static String provider;
    static String alias;
    static final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    @BeforeAll
    static void start() {
        redis = LocalRedis.start();
        upstream = FakeOpenAi.builder().requireApiKey(Gateway.PROVIDER_KEY)
                .defaultBehavior(Behavior.reply("Within budget.").withFirstByteDelay(Duration.ofSeconds(2)))
                .start();
        Map<String, String> env = TestInfrastructure.get().environment("ingress,admin,ledger");
        env.put("REDIS_URL", redis.url());
        first = ConduitServer.start(env);
        Map<String, String> secondEnv = TestInfrastructure.get().environment("ingress");
        secondEnv.put("REDIS_URL", redis.url());
        second = ConduitServer.start(secondEnv);
        admin = new AdminApi(first.adminPort(), TestInfrastructure.MASTER_KEY);
        provider = admin.provider(upstream.baseUrl(), Gateway.PROVIDER_KEY);
        alias = admin.alias(provider, "gpt-4o");
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        upstream.close();
        redis.close();
    }

    @Test
    void a_dollar_budget_admits_at_most_ten_ten_cent_requests_across_two_instances() throws Exception {
        JsonNode key = admin.ok("POST", "/api/virtual-keys", "{\"name\":\"" + AdminApi.unique("budgeted") + "\"}");
        admin.ok("POST", "/api/budgets", AdminApi.json(Map.of("scope", "key", "scope_id", key.path("id").asString(),
                "amount_usd", "1.00", "period", "monthly")));
        awaitKnownEverywhere(key.path("key").asString());

        int upstreamBefore = upstream.requests().size();
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ConduitServer server = i % 2 == 0 ? first : second;
                calls.add(pool.submit(() -> chat(server, key.path("key").asString(), MAX_TOKENS_FOR_TEN_CENTS)));
            }
            for (Future<HttpResponse<String>> call : calls) {
                responses.add(call.get());
            }
        }

        long admitted = responses.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(admitted).isBetween(1L, 10L);
        assertThat(responses).filteredOn(r -> r.statusCode() != 200).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(Json.mapper().readTree(r.body()).path("error").path("code").asString()).isEqualTo("budget_exceeded");
        });
        assertThat(upstream.requests().size() - upstreamBefore).as("calls that reached the provider").isEqualTo(admitted);
        BudgetState posted = awaitBudgetState("key:" + key.path("id").asString(), admitted);
        assertThat(posted.monthMicros()).isPositive().isLessThanOrEqualTo(1_000_000);
    }

    @Test
    void an_exhausted_prepaid_balance_is_a_402_until_topped_up() {
        String group = AdminApi.unique("team");
        admin.ok("POST", "/api/key-groups", AdminApi.json(Map.of("name", group)));
        admin.ok("POST", "/api/key-groups/" + group + "/top-ups", AdminApi.json(Map.of("amount_usd", "0.05", "note", "trial")));
        String key = admin.ok("POST", "/api/virtual-keys", AdminApi.json(Map.of("name", AdminApi.unique("member"),
                "key_group", group))).path("key").asString();
        awaitKnownEverywhere(key);

        HttpResponse<String> refused = chat(second, key, MAX_TOKENS_FOR_TEN_CENTS);
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(Json.mapper().readTree(refused.body()).path("error").path("code").asString())
                .isEqualTo("insufficient_balance");

        admin.ok("POST", "/api/key-groups/" + group + "/top-ups", AdminApi.json(Map.of("amount_usd", "1", "note", "paid")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> chat(second, key, MAX_TOKENS_FOR_TEN_CENTS).statusCode() == 200);
        assertThat(admin.ok("GET", "/api/key-groups/" + group + "/transactions", null).path("data")).hasSize(2);
    }

    @Test
    void thresholds_reached_raise_one_alert_each_per_period() throws Exception {
        JsonNode key = admin.ok("POST", "/api/virtual-keys", "{\"name\":\"" + AdminApi.unique("alerted") + "\"}");
        String budgetId = admin.ok("POST", "/api/budgets", AdminApi.json(Map.of("scope", "key",
                "scope_id", key.path("id").asString(), "amount_usd", "1", "period", "daily"))).path("id").asString();
        java.time.Instant now = java.time.Instant.now();
        BudgetState state = BudgetState.empty("key", key.path("id").asString(), java.time.ZoneOffset.UTC).plus(850_000, now);

        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.<String, Object>of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap()),
                Topics.BUDGET_STATE.keySerde().serializer(), Topics.BUDGET_STATE.valueSerde().serializer())) {
            String scopeKey = BudgetState.key("key", key.path("id").asString());
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.BUDGET_STATE.name(), scopeKey, state)).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.BUDGET_STATE.name(), scopeKey, state)).get();
            List<io.conduit.contracts.budget.BudgetAlert> alerts = awaitAlerts(budgetId, 2);
            assertThat(alerts).extracting(io.conduit.contracts.budget.BudgetAlert::thresholdPercent).containsExactly(50, 80);

            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.BUDGET_STATE.name(), scopeKey,
                    state.plus(150_000, now))).get();
            assertThat(awaitAlerts(budgetId, 3)).extracting(io.conduit.contracts.budget.BudgetAlert::thresholdPercent)
                    .containsExactly(50, 80, 100);
        }
    }

    /** The alerts of a budget once there are {@code count}, and a moment later (a duplicate would show). */
    static List<io.conduit.contracts.budget.BudgetAlert> awaitAlerts(String budgetId, int count) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        try (KafkaConsumer<String, io.conduit.contracts.budget.BudgetAlert> consumer = new KafkaConsumer<>(config,
                Topics.BUDGET_ALERTS.keySerde().deserializer(), Topics.BUDGET_ALERTS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BUDGET_ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<io.conduit.contracts.budget.BudgetAlert> alerts = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (budgetId.equals(r.key())) {
                        alerts.add(r.value());
                    }
                });
                return alerts.size() >= count;
            });
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (budgetId.equals(r.key())) {
                        alerts.add(r.value());
                    }
                });
                return true;
            });
            return alerts;
        }
    }

    static void awaitKnownEverywhere(String key) {
        for (ConduitServer server : List.of(first, second)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> get(server, "/v1/models/" + alias, key).statusCode() == 200);
        }
    }

    static HttpResponse<String> chat(ConduitServer server, String key, int maxTokens) {
        String body = "{\"model\":\"" + alias + "\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ingressPort() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> get(ConduitServer server, String path, String key) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ingressPort() + path))
                .header("Authorization", "Bearer " + key).build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ledger's state for a scope once it has counted {@code records} spends. */
    static BudgetState awaitBudgetState(String scopeKey, long records) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        try (KafkaConsumer<String, BudgetState> consumer = new KafkaConsumer<>(config,
                Topics.BUDGET_STATE.keySerde().deserializer(), Topics.BUDGET_STATE.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BUDGET_STATE.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<String, BudgetState> latest = new HashMap<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
                return latest.containsKey(scopeKey) && latest.get(scopeKey).records() >= records;
            });
            return latest.get(scopeKey);
        }
    }
}
