package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Routing as operators configure it: per-alias strategy and fallbacks through the admin API,
 * context-window and content-policy fallbacks, bulkheads, and the circuit breaker seen through
 * {@code /api/deployments/health} — on a gateway with a short circuit window and wait.
 */
class RoutingIT {

    static FakeOpenAi upstream;
    static ConduitServer server;
    static AdminApi admin;
    static String provider;
    static String key;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        upstream = FakeOpenAi.builder().requireApiKey(Gateway.PROVIDER_KEY).start();
        Map<String, String> env = TestInfrastructure.get().environment();
        env.put("CONDUIT_INGRESS_CIRCUIT_WINDOW_SIZE", "4");
        env.put("CONDUIT_INGRESS_CIRCUIT_MINIMUM_CALLS", "4");
        env.put("CONDUIT_INGRESS_CIRCUIT_OPEN_WAIT", "1s");
        env.put("CONDUIT_INGRESS_CIRCUIT_HALF_OPEN_PROBES", "1");
        env.put("CONDUIT_INGRESS_CIRCUIT_EJECT_AFTER", "1000");
        server = ConduitServer.start(env);
        admin = new AdminApi(server.adminPort(), TestInfrastructure.MASTER_KEY);
        provider = admin.provider(upstream.baseUrl(), Gateway.PROVIDER_KEY);
        key = admin.key();
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.close();
    }

    static HttpResponse<String> chat(String alias) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ingressPort() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + key).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Gateway.chat(alias, false))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String alias(String mappingsJsonFormat, String... providerModels) {
        String alias = AdminApi.unique("route");
        for (String model : providerModels) {
            admin.ok("POST", "/api/model-mappings", mappingsJsonFormat.formatted(alias, provider, model));
        }
        return alias;
    }

    static String simple(String... providerModels) {
        return alias("{\"alias\":\"%s\",\"provider\":\"%s\",\"provider_model\":\"%s\"}", providerModels);
    }

    static void awaitServed(String alias) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> chat(alias).statusCode() != 404);
    }

    static JsonNode health(String providerModel) {
        for (JsonNode d : admin.ok("GET", "/api/deployments/health", null).path("data")) {
            if (d.path("provider_model").asString().equals(providerModel)) {
                return d;
            }
        }
        throw new AssertionError("no health for " + providerModel);
    }

    @Test
    void a_failing_deployment_opens_its_circuit_and_half_opens_after_the_wait() {
        String model = "rt-flaky-" + UUID.randomUUID();
        upstream.behave(model, Behavior.serverError());
        String alias = simple(model);
        awaitServed(alias);

        for (int i = 0; i < 3; i++) {
            assertThat(chat(alias).statusCode()).isEqualTo(502);
        }
        assertThat(health(model).path("circuit_state").asString()).isEqualTo("open");
        assertThat(health(model).path("available").asBoolean()).isFalse();
        HttpResponse<String> refused = chat(alias);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("no_deployment_available");

        upstream.behave(model, Behavior.reply());
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> chat(alias).statusCode() == 200);
        assertThat(health(model).path("circuit_state").asString()).isEqualTo("closed");
        assertThat(health(model).path("ewma_latency_ms").isNumber()).isTrue();
    }

    @Test
    void routes_are_managed_through_the_admin_api_and_validated() {
        String alias = simple("rt-a", "rt-b");

        JsonNode route = admin.ok("PUT", "/api/routes/" + alias,
                "{\"strategy\":\"round_robin\",\"fallbacks\":[\"elsewhere\"]}");

        assertThat(route.path("strategy").asString()).isEqualTo("round_robin");
        assertThat(route.path("fallbacks").get(0).asString()).isEqualTo("elsewhere");
        assertThat(route.path("deployments").size()).isEqualTo(2);
        assertThat(admin.send("PUT", "/api/routes/" + alias, "{\"strategy\":\"fastest\"}").statusCode()).isEqualTo(400);
        assertThat(admin.send("PUT", "/api/routes/" + alias, "{\"fallbacks\":[\"" + alias + "\"]}").statusCode()).isEqualTo(400);
        assertThat(admin.send("POST", "/api/model-mappings", "{\"alias\":\"x\",\"provider\":\"" + provider
                + "\",\"provider_model\":\"m\",\"rpm_limit\":0}").statusCode()).isEqualTo(400);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<String> served = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                served.add(chat(alias).headers().firstValue("x-conduit-model").orElse(""));
            }
            assertThat(served).contains("rt-a", "rt-b");
        });
        assertThat(admin.send("DELETE", "/api/routes/" + alias, null).statusCode()).isEqualTo(204);
        assertThat(admin.ok("GET", "/api/routes/" + alias, null).path("strategy").asString()).isEqualTo("priority");
    }

    @Test
    void a_request_too_long_for_the_model_goes_to_the_context_window_fallback() {
        String small = "rt-small-" + UUID.randomUUID();
        upstream.behave(small, Behavior.badRequest("messages", "context_length_exceeded",
                "This model's maximum context length is 8192 tokens."));
        String alias = simple(small);
        String large = simple("rt-large");
        admin.ok("PUT", "/api/routes/" + alias, "{\"context_window_fallbacks\":[\"" + large + "\"]}");
        awaitServed(large);

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> chat(alias).statusCode() == 200);
        HttpResponse<String> response = chat(alias);
        assertThat(response.headers().firstValue("x-conduit-model")).contains("rt-large");
        assertThat(response.headers().firstValue("x-conduit-attempts")).contains("2");
    }

    @Test
    void content_refused_by_one_provider_goes_to_the_content_policy_fallback() {
        String strict = "rt-strict-" + UUID.randomUUID();
        upstream.behave(strict, Behavior.badRequest("messages", "content_filter", "The response was filtered."));
        String alias = simple(strict);
        String lenient = simple("rt-lenient");
        awaitServed(lenient);
        awaitServed(alias);
        assertThat(chat(alias).statusCode()).isEqualTo(400);

        admin.ok("PUT", "/api/routes/" + alias, "{\"content_policy_fallbacks\":[\"" + lenient + "\"]}");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> chat(alias).statusCode() == 200);
        assertThat(chat(alias).headers().firstValue("x-conduit-model")).contains("rt-lenient");
    }

    @Test
    void a_rate_limited_provider_key_rests_while_the_next_key_serves() {
        String one = "sk-key-one-1111111111";
        String two = "sk-key-two-2222222222";
        try (FakeOpenAi keyed = FakeOpenAi.start()) {
            keyed.script(request -> request.bearerToken().orElse("").equals(one) ? Behavior.rateLimited(Duration.ofSeconds(30)) : null);
            String name = AdminApi.unique("rotating");
            JsonNode created = admin.ok("POST", "/api/providers", AdminApi.json(Map.of("name", name, "type", "openai_compatible",
                    "base_url", keyed.baseUrl(), "api_keys", List.of(one, two))));
            assertThat(created.toString()).doesNotContain(one, two);
            assertThat(created.path("extra_api_key_hints").size()).isEqualTo(1);
            String alias = AdminApi.unique("route");
            admin.ok("POST", "/api/model-mappings", "{\"alias\":\"" + alias + "\",\"provider\":\"" + name
                    + "\",\"provider_model\":\"m\"}");
            awaitServed(alias);

            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = chat(alias);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(Integer.parseInt(response.headers().firstValue("x-conduit-attempts").orElseThrow())).isLessThanOrEqualTo(2);
            }

            assertThat(keyed.requests().stream().filter(r -> r.bearerToken().orElse("").equals(one)).count()).isEqualTo(1);
            assertThat(keyed.requests().stream().filter(r -> r.bearerToken().orElse("").equals(two)).count()).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void a_full_bulkhead_sends_the_next_request_elsewhere() throws Exception {
        String slow = "rt-slow-" + UUID.randomUUID();
        upstream.behave(slow, Behavior.slowFirstByte(Duration.ofMillis(800)));
        String alias = AdminApi.unique("route");
        admin.ok("POST", "/api/model-mappings", "{\"alias\":\"" + alias + "\",\"provider\":\"" + provider
                + "\",\"provider_model\":\"" + slow + "\",\"priority\":0,\"max_concurrent\":1}");
        admin.ok("POST", "/api/model-mappings", "{\"alias\":\"" + alias + "\",\"provider\":\"" + provider
                + "\",\"provider_model\":\"rt-spare\",\"priority\":1}");
        awaitServed(alias);

        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            responses.add(pool.submit(() -> chat(alias)));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> health(slow).path("in_flight").asInt() == 1);
            responses.add(pool.submit(() -> chat(alias)));
        }

        assertThat(responses.get(0).get().headers().firstValue("x-conduit-model")).contains(slow);
        assertThat(responses.get(1).get().headers().firstValue("x-conduit-model")).contains("rt-spare");
        assertThat(Json.mapper().readTree(responses.get(1).get().body()).path("object").asString()).isEqualTo("chat.completion");
    }
}
