package io.conduit.provider.openai;

import io.conduit.contracts.json.Json;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** What the media capabilities share: headers for their request kinds and reading 2xx JSON answers. */
final class MediaRequests {

    private MediaRequests() {}

    /** Credential and settings headers with a content type of the adapter's choosing ({@code null}: none, for a GET). */
    static Map<String, String> headers(OpenAiPreset preset, ProviderEndpoint endpoint, String contentType, String accept) {
        Map<String, String> headers = UpstreamRoutes.headers(preset, endpoint, false);
        if (contentType == null) {
            headers.remove("content-type");
        } else {
            headers.put("content-type", contentType);
        }
        headers.put("accept", accept);
        return headers;
    }

    /** A 2xx JSON answer as a tree. */
    static JsonNode json(byte[] body, String what) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw unreadable(what);
            }
            return node;
        } catch (JacksonException e) {
            throw unreadable(what);
        }
    }

    /** A 2xx answer the gateway cannot read: the provider's fault, worth another try. */
    static ProviderException unreadable(String what) {
        return ProviderException.of(Kind.SERVER_ERROR, 200,
                new ProviderError("The provider's " + what + " answer could not be read.", "server_error", null, null), null);
    }

    static String text(JsonNode node) {
        return node != null && node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }

    static long count(JsonNode node) {
        return node != null && node.isNumber() ? Math.max(0, node.asLong()) : 0;
    }
}
