package io.conduit.admin.prices;

import io.conduit.admin.web.AdminException;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.pricing.Markup;
import io.conduit.contracts.pricing.MarkupScope;
import io.conduit.contracts.pricing.PriceEntry;
import io.conduit.contracts.pricing.PriceRates;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads prices and markups from request JSON strictly (unknown fields are errors), turning every
 * problem into a message that names the field.
 */
final class PriceInput {

    /** A markup as a request gives it; scope and id come from the path. */
    record MarkupRequest(
            @JsonProperty("basis_points") Integer basisPoints,
            PriceRates override,
            @JsonProperty("effective_from") Instant effectiveFrom,
            @JsonProperty("effective_until") Instant effectiveUntil) {}

    private static final ObjectReader ENTRY = Json.mapper().readerFor(PriceEntry.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader MARKUP = Json.mapper().readerFor(MarkupRequest.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PriceInput() {}

    static JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            throw AdminException.badRequest(null, "The request body is empty.");
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw AdminException.badRequest(null, "The request body is not valid JSON.");
        }
    }

    /**
     * A price entry from a JSON object; {@code model} and {@code effective_from} default to the
     * given ones when absent. Throws {@link IllegalArgumentException} with a field-naming message.
     */
    static PriceEntry entry(JsonNode node, String model, Instant defaultFrom) {
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a price is a JSON object");
        }
        ObjectNode copy = object.deepCopy();
        if (model != null) {
            JsonNode given = copy.get("model");
            if (given != null && !given.isNull() && !model.equals(given.asString())) {
                throw new IllegalArgumentException("'model' in the body (" + given.asString() + ") differs from the path (" + model + ")");
            }
            copy.put("model", model);
        }
        if ((copy.get("effective_from") == null || copy.get("effective_from").isNull()) && defaultFrom != null) {
            copy.put("effective_from", defaultFrom.toString());
        }
        return read(ENTRY, copy);
    }

    static Markup markup(MarkupScope scope, String id, JsonNode node, Instant defaultFrom) {
        MarkupRequest request = read(MARKUP, node);
        return new Markup(scope, id, request.effectiveFrom() == null ? defaultFrom : request.effectiveFrom(),
                request.effectiveUntil(), request.basisPoints(), request.override());
    }

    private static <T> T read(ObjectReader reader, JsonNode node) {
        try {
            return reader.readValue(node);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(describe(e));
        }
    }

    static String describe(JacksonException e) {
        String path = e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException && !(root instanceof JacksonException)) {
            return path.isEmpty() || root.getMessage().contains("'" + path) ? root.getMessage() : path + ": " + root.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field '" + path + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() == Instant.class) {
            return "'" + path + "' must be an ISO-8601 instant such as 2026-12-01T00:00:00Z";
        }
        return "'" + path + "' has an invalid value";
    }
}
