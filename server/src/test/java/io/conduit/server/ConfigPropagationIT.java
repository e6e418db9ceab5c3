package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.server.support.Gateway;
import io.conduit.server.support.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Admin changes reach every instance within a second; start-up configuration applies idempotently. */
class ConfigPropagationIT {

    static int status(int port, String key, String alias) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Gateway.chat(alias, false)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void a_second_instance_sees_new_and_revoked_keys_within_one_second() throws Exception {
        Gateway gateway = Gateway.get();
        try (ConduitServer second = ConduitServer.start(TestInfrastructure.get().environment("ingress"))) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> status(second.ingressPort(), gateway.key, gateway.alias) == 200);

            var created = gateway.admin.ok("POST", "/api/virtual-keys", "{\"name\":\"propagation\"}");
            String key = created.path("key").asString();
            Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(second.ingressPort(), key, gateway.alias) == 200);

            gateway.admin.ok("PATCH", "/api/virtual-keys/" + created.path("id").asString(), "{\"enabled\":false}");
            Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(second.ingressPort(), key, gateway.alias) == 401);
        }
    }

    @Test
    void applies_the_declarative_file_and_openai_key_idempotently() throws Exception {
        Gateway gateway = Gateway.get();
        String key = "condt_declared_key_0123456789abcdefghij";
        Path file = Files.createTempFile("conduit-config", ".yaml");
        Files.writeString(file, """
                providers:
                  - name: declared-fake
                    type: openai_compatible
                    base_url: %s
                    api_key: %s
                model_mappings:
                  - alias: declared-alias
                    provider: declared-fake
                    provider_model: gpt-4o-mini
                virtual_keys:
                  - name: declared
                    key: %s
                    allowed_models: ["declared-*"]
                """.formatted(gateway.upstream.baseUrl(), Gateway.PROVIDER_KEY, key));
        Map<String, String> env = TestInfrastructure.get().environment();
        env.put("CONDUIT_CONFIG_FILE", file.toString());
        env.put("OPENAI_API_KEY", "sk-from-environment-000111");

        for (int start = 0; start < 2; start++) {
            try (ConduitServer server = ConduitServer.start(env)) {
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> status(server.ingressPort(), key, "declared-alias") == 200);
                assertThat(status(server.ingressPort(), key, gateway.alias)).isEqualTo(403);
            }
        }

        String providers = gateway.admin.ok("GET", "/api/providers", null).toString();
        assertThat(providers.split("\"name\":\"declared-fake\"", -1)).hasSize(2);
        assertThat(providers.split("\"name\":\"openai\"", -1)).hasSize(2);
        assertThat(gateway.admin.ok("GET", "/api/model-mappings", null).toString().split("\"alias\":\"declared-alias\"", -1)).hasSize(2);
        assertThat(gateway.admin.ok("GET", "/api/virtual-keys", null).toString().split("\"name\":\"declared\"", -1)).hasSize(2);
    }
}
