package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The admin API: master-key auth, CRUD with validation, secrets never returned nor stored in the clear. */
class AdminApiIT {

    static Gateway gateway;
    static AdminApi admin;

    @BeforeAll
    static void start() {
        gateway = Gateway.get();
        admin = gateway.admin;
    }

    static JsonNode error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = Json.mapper().readTree(response.body()).path("error");
        assertThat(error.path("message").isString()).as(response.body()).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
        return error;
    }

    static HttpResponse<String> raw(String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.server.adminPort() + path));
        if (header != null) {
            request.header(header, value);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requires_the_master_key_in_either_header() throws Exception {
        assertThat(error(raw("/api/providers", null, null), 401).path("code").asString()).isEqualTo("missing_api_key");
        assertThat(error(raw("/api/providers", "X-API-Key", "wrong"), 401).path("code").asString()).isEqualTo("invalid_api_key");
        assertThat(error(raw("/api/providers", "Authorization", "Bearer " + gateway.key), 401).path("code").asString())
                .isEqualTo("invalid_api_key");
        assertThat(raw("/api/providers", "X-API-Key", TestInfrastructure.MASTER_KEY).statusCode()).isEqualTo(200);
        assertThat(raw("/api/providers", "Authorization", "Bearer " + TestInfrastructure.MASTER_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void manages_providers_without_ever_returning_or_storing_the_credential_in_the_clear() throws Exception {
        String name = AdminApi.unique("p");
        String secret = "sk-live-very-secret-credential-42";
        HttpResponse<String> created = admin.send("POST", "/api/providers", AdminApi.json(Map.of("name", name, "type", "openai",
                "base_url", "https://example.invalid/v1", "api_key", secret)));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(secret);
        JsonNode provider = Json.mapper().readTree(created.body());
        assertThat(provider.path("api_key_hint").asString()).isEqualTo("sk-l…l-42");
        String id = provider.path("id").asString();
        assertThat(admin.ok("GET", "/api/providers/" + name, null).path("id").asString()).isEqualTo(id);
        assertThat(admin.ok("GET", "/api/providers", null).toString()).contains(name).doesNotContain(secret);
        assertThat(storedCredentials()).doesNotContain(secret);

        JsonNode updated = admin.ok("PATCH", "/api/providers/" + id, "{\"base_url\":\"https://other.invalid/v1\",\"api_key\":\"sk-new-credential-0099\"}");
        assertThat(updated.path("base_url").asString()).isEqualTo("https://other.invalid/v1");
        assertThat(updated.path("api_key_hint").asString()).isEqualTo("sk-n…0099");
        assertThat(updated.path("name").asString()).isEqualTo(name);

        String mapping = admin.ok("POST", "/api/model-mappings", "{\"alias\":\"" + AdminApi.unique("a") + "\",\"provider\":\""
                + name + "\",\"provider_model\":\"gpt-x\"}").path("id").asString();
        assertThat(error(admin.send("DELETE", "/api/providers/" + id, null), 409).path("code").asString()).isEqualTo("provider_in_use");
        assertThat(admin.send("DELETE", "/api/model-mappings/" + mapping, null).statusCode()).isEqualTo(204);
        assertThat(admin.send("DELETE", "/api/providers/" + id, null).statusCode()).isEqualTo(204);
        error(admin.send("GET", "/api/providers/" + id, null), 404);
    }

    @Test
    void rejects_invalid_configuration_with_the_offending_field() {
        assertThat(error(admin.send("POST", "/api/providers", "{\"type\":\"openai\"}"), 400).path("param").asString()).isEqualTo("name");
        assertThat(error(admin.send("POST", "/api/providers", "{\"name\":\"x\",\"type\":\"nope\"}"), 400).path("param").asString())
                .isEqualTo("type");
        assertThat(error(admin.send("POST", "/api/providers", "{\"name\":\"x\",\"type\":\"openai_compatible\",\"base_url\":\"ftp://x\"}"), 400)
                .path("param").asString()).isEqualTo("base_url");
        assertThat(error(admin.send("POST", "/api/providers", "{\"name\":"), 400).path("code").asString()).isEqualTo("invalid_json");
        assertThat(error(admin.send("POST", "/api/model-mappings", "{\"alias\":\"a\",\"provider\":\"missing\",\"provider_model\":\"m\"}"), 400)
                .path("param").asString()).isEqualTo("provider");
        assertThat(error(admin.send("POST", "/api/virtual-keys", "{\"name\":\"k\",\"allowed_models\":[\"a*b\"]}"), 400)
                .path("param").asString()).isEqualTo("allowed_models");
        assertThat(error(admin.send("POST", "/api/virtual-keys", "{\"name\":\"k\",\"expires_at\":\"tomorrow\"}"), 400)
                .path("code").asString()).isEqualTo("invalid_json");
        error(admin.send("POST", "/api/providers", "{\"name\":\"" + gateway.provider + "\",\"type\":\"openai\"}"), 409);
        error(admin.send("GET", "/api/virtual-keys/not-a-uuid", null), 404);
        error(admin.send("GET", "/api/nothing", null), 404);
    }

    @Test
    void shows_a_virtual_key_once_and_stores_only_its_hash() throws Exception {
        JsonNode created = admin.ok("POST", "/api/virtual-keys",
                "{\"name\":\"team-a\",\"allowed_models\":[\"gpt-*\"],\"metadata\":{\"owner\":\"alice\"}}");
        String key = created.path("key").asString();
        String id = created.path("id").asString();

        assertThat(key).startsWith("condt_");
        assertThat(created.path("metadata").path("owner").asString()).isEqualTo("alice");
        JsonNode fetched = admin.ok("GET", "/api/virtual-keys/" + id, null);
        assertThat(fetched.has("key")).isFalse();
        assertThat(fetched.path("key_hint").asString()).startsWith("condt_").contains("…");
        assertThat(admin.ok("GET", "/api/virtual-keys", null).toString()).doesNotContain(key);
        assertThat(storedKeys()).doesNotContain(key);

        JsonNode updated = admin.ok("PATCH", "/api/virtual-keys/" + id, "{\"enabled\":false}");
        assertThat(updated.path("enabled").asBoolean()).isFalse();
        assertThat(updated.path("allowed_models").get(0).asString()).isEqualTo("gpt-*");
        assertThat(admin.send("DELETE", "/api/virtual-keys/" + id, null).statusCode()).isEqualTo(204);
    }

    @Test
    void serves_its_openapi_document_and_page() throws Exception {
        HttpResponse<String> document = raw("/openapi.json", null, null);

        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode paths = Json.mapper().readTree(document.body()).path("paths");
        assertThat(paths.has("/api/providers") && paths.has("/api/model-mappings") && paths.has("/api/virtual-keys")).isTrue();
        assertThat(document.body()).contains("base_url", "api_key_hint", "allowed_models", "provider_model");
        assertThat(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.server.adminPort() + "/docs")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    static String storedCredentials() throws Exception {
        return dump("select coalesce(string_agg(coalesce(api_key_ciphertext, '') || api_key_hint, ','), '') from providers");
    }

    static String storedKeys() throws Exception {
        return dump("select string_agg(key_hash || key_hint || name || metadata::text, ',') from virtual_keys");
    }

    static String dump(String sql) throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.dbUser(), infra.dbPassword());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
