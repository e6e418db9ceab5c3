package io.conduit.provider.testkit.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request a fake provider received.
 *
 * @param method e.g. {@code POST}
 * @param target path and query as sent, e.g. {@code /v1beta/models/m:streamGenerateContent?alt=sse}
 * @param headers header names lower-cased
 * @param body the raw body
 */
public record CapturedRequest(String method, String target, Map<String, List<String>> headers, byte[] body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON (fails the test when it is not JSON). */
    public JsonNode json() {
        return JSON.readTree(body);
    }
}
