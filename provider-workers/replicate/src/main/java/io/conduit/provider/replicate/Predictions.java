package io.conduit.provider.replicate;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.media.MediaFailures;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creating and reading Replicate predictions (https://replicate.com/docs/reference/http): where a
 * provider model's predictions are created, the request headers, and the prediction object.
 */
final class Predictions {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Predictions() {}

    /**
     * The create request for a provider model: {@code owner/name} → {@code POST /models/{owner}/{name}/predictions};
     * {@code deployments/owner/name} → {@code POST /deployments/{owner}/{name}/predictions}; anything with a
     * version ({@code owner/name:version} or a bare version id) → {@code POST /predictions} with {@code version}.
     *
     * @param body {@code input} (and webhook fields) already set; {@code version} is added here when needed
     * @param wait whether to hold the request open until the prediction ends ({@code Prefer: wait}, at most 60 s)
     */
    static UpstreamRequest create(ProviderEndpoint endpoint, String model, ObjectNode body, boolean wait) {
        String m = model.strip();
        URI uri;
        if (m.startsWith("deployments/") && m.split("/").length == 3) {
            String[] parts = m.split("/");
            uri = endpoint.resolve("/deployments/" + segment(parts[1]) + "/" + segment(parts[2]) + "/predictions");
        } else if (m.contains(":") || !m.contains("/")) {
            uri = endpoint.resolve("/predictions");
            ObjectNode withVersion = JSON.createObjectNode().put("version", m);
            withVersion.setAll(body);
            body = withVersion;
        } else {
            String[] parts = m.split("/", 2);
            uri = endpoint.resolve("/models/" + segment(parts[0]) + "/" + segment(parts[1]) + "/predictions");
        }
        Map<String, String> headers = new HashMap<>(headers(endpoint));
        headers.put("content-type", "application/json");
        if (wait) {
            headers.put("prefer", "wait");
        }
        return new UpstreamRequest(uri, Map.copyOf(headers), JSON.writeValueAsBytes(body));
    }

    static Map<String, String> headers(ProviderEndpoint endpoint) {
        return Map.of("authorization", "Bearer " + endpoint.apiKey(), "accept", "application/json");
    }

    /** The client's {@code input} object, when it sent one, merged over what the adapter mapped (model-specific inputs). */
    static void mergeClientInput(JsonObjectScan request, ObjectNode input) {
        request.member("input").ifPresent(member -> {
            JsonNode given;
            try {
                given = JSON.readTree(request.rawValue(member));
            } catch (JacksonException e) {
                given = null;
            }
            if (given == null || !given.isObject()) {
                throw MediaFailures.badRequest("input", "'input' must be an object of the model's inputs.");
            }
            input.setAll((ObjectNode) given);
        });
    }

    /** A prediction object (an API answer or a webhook body). */
    static JsonNode read(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject() && root.path("id").isString()) {
                return root;
            }
        } catch (JacksonException e) {
            // falls through
        }
        throw MediaFailures.unreadable("Replicate", "prediction");
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
