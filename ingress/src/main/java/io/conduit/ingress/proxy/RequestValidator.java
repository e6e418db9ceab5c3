package io.conduit.ingress.proxy;

import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import io.conduit.provider.spi.json.MalformedJsonException;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the fields the gateway relies on (OpenAI's messages and codes for the same mistakes);
 * everything else is the provider's to judge.
 */
public final class RequestValidator {

    private RequestValidator() {}

    public static ValidatedRequest chatCompletion(byte[] body) {
        JsonObjectScan scan = scan(body);
        String alias = model(scan);
        require(scan, "messages", Set.of(JsonType.ARRAY));
        boolean stream = optional(scan, "stream", Set.of(JsonType.TRUE, JsonType.FALSE, JsonType.NULL))
                .map(m -> m.type() == JsonType.TRUE)
                .orElse(false);
        boolean wantsUsage = false;
        Optional<JsonMember> options = optional(scan, "stream_options", Set.of(JsonType.OBJECT, JsonType.NULL));
        if (options.isPresent() && options.get().type() == JsonType.OBJECT) {
            JsonObjectScan inner = scan(scan, options.get());
            wantsUsage = optional(inner, "include_usage", Set.of(JsonType.TRUE, JsonType.FALSE, JsonType.NULL), "stream_options.include_usage")
                    .map(m -> m.type() == JsonType.TRUE)
                    .orElse(false);
        }
        return new ValidatedRequest(scan, alias, stream, wantsUsage);
    }

    /**
     * An OpenAI Responses request ({@code CreateResponse}) as sent: the model it routes by, and the
     * types of {@code stream} and {@code input}; the rest is the provider's (or the translation's) to judge.
     */
    public static ValidatedRequest responses(byte[] body) {
        JsonObjectScan scan = scan(body);
        String alias = model(scan);
        optional(scan, "input", Set.of(JsonType.STRING, JsonType.ARRAY, JsonType.NULL));
        boolean stream = optional(scan, "stream", Set.of(JsonType.TRUE, JsonType.FALSE, JsonType.NULL))
                .map(m -> m.type() == JsonType.TRUE)
                .orElse(false);
        return new ValidatedRequest(scan, alias, stream, false);
    }

    public static ValidatedRequest embeddings(byte[] body) {
        JsonObjectScan scan = scan(body);
        String alias = model(scan);
        require(scan, "input", Set.of(JsonType.STRING, JsonType.ARRAY));
        return new ValidatedRequest(scan, alias, false, false);
    }

    private static JsonObjectScan scan(byte[] body) {
        try {
            return JsonObjectScan.parse(body);
        } catch (MalformedJsonException e) {
            throw GatewayException.badRequest("invalid_json", null, e.getMessage());
        }
    }

    private static JsonObjectScan scan(JsonObjectScan outer, JsonMember member) {
        try {
            return outer.objectValue(member);
        } catch (MalformedJsonException e) {
            throw new IllegalStateException("validated as part of the body", e);
        }
    }

    private static String model(JsonObjectScan scan) {
        JsonMember model = scan.member("model").orElseThrow(() -> GatewayException.badRequest(
                "missing_required_parameter", "model", "You must provide a model parameter."));
        if (model.type() != JsonType.STRING) {
            throw invalidType("model", "a string", model.type());
        }
        String alias = scan.stringValue(model);
        if (alias.isBlank()) {
            throw GatewayException.badRequest("missing_required_parameter", "model", "You must provide a model parameter.");
        }
        return alias;
    }

    private static JsonMember require(JsonObjectScan scan, String name, Set<JsonType> types) {
        JsonMember member = scan.member(name).orElseThrow(() -> GatewayException.badRequest(
                "missing_required_parameter", name, "Missing required parameter: '" + name + "'."));
        return checkType(member, types, name);
    }

    private static Optional<JsonMember> optional(JsonObjectScan scan, String name, Set<JsonType> types) {
        return optional(scan, name, types, name);
    }

    private static Optional<JsonMember> optional(JsonObjectScan scan, String name, Set<JsonType> types, String param) {
        return scan.member(name).map(m -> checkType(m, types, param));
    }

    private static JsonMember checkType(JsonMember member, Set<JsonType> types, String param) {
        if (!types.contains(member.type())) {
            String expected = types.stream().filter(t -> t != JsonType.NULL && t != JsonType.FALSE)
                    .map(JsonType::article).sorted().reduce((a, b) -> a + " or " + b).orElse("another type");
            throw invalidType(param, expected, member.type());
        }
        return member;
    }

    private static GatewayException invalidType(String param, String expected, JsonType actual) {
        return GatewayException.badRequest("invalid_type", param,
                "Invalid type for '" + param + "': expected " + expected + ", but got " + actual.article() + " instead.");
    }
}
