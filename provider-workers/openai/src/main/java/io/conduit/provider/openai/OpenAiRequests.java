package io.conduit.provider.openai;

import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.contracts.json.JsonStrings;
import io.conduit.provider.spi.json.JsonType;
import io.conduit.provider.spi.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds requests to OpenAI-compatible APIs. The client's body is forwarded byte for byte except
 * {@code model}, and, for streams, {@code stream_options.include_usage}, which the gateway always
 * sets so that every streamed call is accounted for.
 */
final class OpenAiRequests {

    private static final byte[] INCLUDE_USAGE_OPTIONS = "{\"include_usage\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);

    private OpenAiRequests() {}

    static UpstreamRequest post(ProviderEndpoint endpoint, String path, InboundCall call) {
        Map<String, String> headers = Map.of(
                "authorization", "Bearer " + endpoint.apiKey(),
                "content-type", "application/json",
                "accept", call.stream() ? "text/event-stream" : "application/json");
        return new UpstreamRequest(endpoint.resolve(path), headers, body(call));
    }

    private static byte[] body(InboundCall call) {
        JsonObjectScan body = call.body();
        Map<String, byte[]> replacements = new HashMap<>(4);
        replacements.put("model", JsonStrings.quoteUtf8(call.providerModel()));
        if (!call.stream()) {
            return body.rewrite(replacements, Map.of());
        }
        Optional<JsonMember> options = body.member("stream_options");
        if (options.isEmpty()) {
            return body.rewrite(replacements, Map.of("stream_options", INCLUDE_USAGE_OPTIONS));
        }
        if (options.get().type() == JsonType.OBJECT) {
            replacements.put("stream_options", withIncludeUsage(body, options.get()));
        } else {
            replacements.put("stream_options", INCLUDE_USAGE_OPTIONS);
        }
        return body.rewrite(replacements, Map.of());
    }

    private static byte[] withIncludeUsage(JsonObjectScan body, JsonMember options) {
        try {
            Map<String, byte[]> include = Map.of("include_usage", TRUE);
            return body.objectValue(options).rewrite(include, include);
        } catch (MalformedJsonException e) {
            throw new IllegalStateException("stream_options was validated before", e);
        }
    }
}
