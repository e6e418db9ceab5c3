package io.conduit.provider.bedrock;

import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.json.JsonObjectScan;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON plumbing the Bedrock adapter shares: one mapper, member reads, and its request errors. */
final class BedrockJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private BedrockJson() {}

    /** A top-level member of the client's request as a tree, missing when absent. */
    static JsonNode member(JsonObjectScan body, String name) {
        return body.member(name).<JsonNode>map(m -> JSON.readTree(body.rawValue(m))).orElse(MissingNode.getInstance());
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }

    /** Compact JSON text of a node. */
    static String text(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    /** The tree of a provider body, or a retriable error when the provider sent something unreadable. */
    static JsonNode read(byte[] providerBody) {
        try {
            return JSON.readTree(providerBody);
        } catch (JacksonException e) {
            throw ProviderException.of(ProviderException.Kind.SERVER_ERROR, 200,
                    new ProviderError("Bedrock returned a body that is not JSON.", "upstream_error", null,
                            "invalid_provider_response"), null);
        }
    }

    /**
     * A request Bedrock's Converse API cannot express, refused before anything is sent: the same
     * 400 the client would get from Bedrock, without the round trip.
     */
    static ProviderException badRequest(String message, String param) {
        return ProviderException.of(ProviderException.Kind.BAD_REQUEST, 400,
                new ProviderError(message, "invalid_request_error", param, "unsupported_by_provider"), null);
    }
}
