package io.conduit.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The admin API over HTTP, as an operator's script would use it. */
public final class AdminApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String masterKey;

    public AdminApi(int port, String masterKey) {
        this.base = "http://127.0.0.1:" + port;
        this.masterKey = masterKey;
    }

    public HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("X-API-Key", masterKey)
                .header("content-type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode ok(String method, String path, String json) {
        HttpResponse<String> response = send(method, path, json);
        assertThat(response.statusCode()).as("%s %s -> %s", method, path, response.body()).isBetween(200, 299);
        return Json.mapper().readTree(response.body());
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a provider of type openai_compatible; returns its name. */
    public String provider(String baseUrl, String apiKey) {
        String name = unique("provider");
        ok("POST", "/api/providers", json(Map.of("name", name, "type", "openai_compatible", "base_url", baseUrl,
                "api_key", apiKey)));
        return name;
    }

    /** Creates a provider of the given type with its credential and settings; returns its name. */
    public String provider(String type, String baseUrl, String apiKey, Map<String, String> settings) {
        String name = unique(type.replace('_', '-'));
        ok("POST", "/api/providers", json(Map.of("name", name, "type", type, "base_url", baseUrl, "api_key", apiKey,
                "settings", settings)));
        return name;
    }

    /** Maps a fresh alias to the provider's model; returns the alias. */
    public String alias(String provider, String providerModel) {
        String alias = unique("alias");
        ok("POST", "/api/model-mappings", json(Map.of("alias", alias, "provider", provider, "provider_model", providerModel)));
        return alias;
    }

    /** Adds a deployment to an alias (created by the first one); lower priorities are tried first. */
    public void deployment(String alias, String provider, String providerModel, int priority) {
        ok("POST", "/api/model-mappings", json(Map.of("alias", alias, "provider", provider, "provider_model", providerModel,
                "priority", priority)));
    }

    /** Creates a virtual key with the given settings (JSON object body) and returns its plaintext. */
    public String key(String settingsJson) {
        return ok("POST", "/api/virtual-keys", settingsJson).path("key").asString();
    }

    public String key() {
        return key("{\"name\":\"" + unique("key") + "\"}");
    }

    public static String json(Object value) {
        return Json.mapper().writeValueAsString(value);
    }
}
