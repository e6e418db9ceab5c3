package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What each alias can do, as {@code /v1/models} and {@code /v1/discovery/models} tell clients: a
 * capability counts for an alias only when all its deployments have it; operators may state a
 * deployment's capabilities in its model mapping.
 */
class ModelDiscoveryIT {

    static Gateway gateway;
    static String mixed;
    static String vision;

    @BeforeAll
    static void aliases() {
        gateway = Gateway.get();
        mixed = AdminApi.unique("mixed");
        mapping(mixed, "gpt-4o", Map.of("features", List.of("vision", "tools"), "context_window", 128000,
                "max_output_tokens", 16000));
        mapping(mixed, "gpt-4o-mini", Map.of("features", List.of("tools"), "context_window", 32000));
        vision = AdminApi.unique("vision");
        mapping(vision, "gpt-4o", Map.of("features", List.of("vision", "tools", "json_schema")));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> entry(models("/v1/models", gateway.key), mixed) != null
                        && entry(models("/v1/models", gateway.key), mixed).path("context_window").asInt() == 32000
                        && entry(models("/v1/models", gateway.key), vision) != null);
    }

    @Test
    void an_alias_can_do_what_all_its_deployments_can() {
        JsonNode model = entry(models("/v1/models", gateway.key), mixed);

        assertThat(strings(model.path("capabilities")))
                .contains("chat_completions", "chat_streaming", "embeddings", "tools")
                .doesNotContain("vision", "json_schema");
        assertThat(model.path("context_window").asInt()).isEqualTo(32000);
        assertThat(model.path("max_output_tokens").asInt()).isEqualTo(16000);
        assertThat(model.path("object").asString()).isEqualTo("model");
    }

    @Test
    void discovery_filters_by_capability() {
        JsonNode withVision = models("/v1/discovery/models?capability=vision", gateway.key);
        JsonNode withTools = models("/v1/discovery/models?capability=tools,chat_streaming", gateway.key);

        assertThat(entry(withVision, vision)).isNotNull();
        assertThat(entry(withVision, mixed)).isNull();
        assertThat(entry(withTools, vision)).isNotNull();
        assertThat(entry(withTools, mixed)).isNotNull();
        assertThat(entry(models("/v1/models/" + vision, gateway.key), vision)).isNotNull();
    }

    @Test
    void discovery_lists_only_what_the_key_may_use() {
        String narrow = gateway.key("{\"name\":\"" + AdminApi.unique("narrow") + "\",\"allowed_models\":[\"" + mixed + "\"]}");

        JsonNode listed = models("/v1/discovery/models?capability=tools", narrow);

        assertThat(entry(listed, mixed)).isNotNull();
        assertThat(entry(listed, vision)).isNull();
    }

    @Test
    void an_unknown_capability_is_a_clear_400() {
        var response = gateway.get("/v1/discovery/models?capability=teleportation", gateway.key);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.mapper().readTree(response.body()).path("error");
        assertThat(error.path("param").asString()).isEqualTo("capability");
        assertThat(error.path("message").asString()).contains("teleportation").contains("vision");
    }

    @Test
    void invalid_capabilities_in_a_mapping_are_refused() {
        var response = gateway.admin.send("POST", "/api/model-mappings", AdminApi.json(Map.of("alias", AdminApi.unique("bad"),
                "provider", gateway.provider, "provider_model", "m", "capabilities", Map.of("features", List.of("telepathy")))));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("capabilities.features").contains("telepathy");
    }

    private static void mapping(String alias, String providerModel, Map<String, Object> capabilities) {
        gateway.admin.ok("POST", "/api/model-mappings", AdminApi.json(Map.of("alias", alias, "provider", gateway.provider,
                "provider_model", providerModel, "capabilities", capabilities)));
    }

    private static JsonNode models(String path, String key) {
        var response = gateway.get(path, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    /** The entry of a list (or the single model object) with this id, or null. */
    private static JsonNode entry(JsonNode listOrModel, String id) {
        if (id.equals(listOrModel.path("id").asString(null))) {
            return listOrModel;
        }
        for (JsonNode model : listOrModel.path("data")) {
            if (id.equals(model.path("id").asString())) {
                return model;
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
