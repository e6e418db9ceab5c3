package io.conduit.admin.web;

import java.util.Optional;
import java.util.UUID;

/** Entity ids (UUIDs) and required fields of admin requests. */
public final class Ids {

    private Ids() {}

    /** The UUID in a path segment, or empty when it is not one (it may still be a name). */
    public static Optional<UUID> parse(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String required(String value, String param) {
        if (value == null || value.isBlank()) {
            throw AdminException.badRequest(param, "'" + param + "' is required.");
        }
        return value.strip();
    }
}
