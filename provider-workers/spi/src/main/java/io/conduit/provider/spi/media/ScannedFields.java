package io.conduit.provider.spi.media;

import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.JsonType;
import io.conduit.provider.spi.json.MalformedJsonException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Typed reads of a scanned request's top-level fields; a field of the wrong type is the client's error. */
final class ScannedFields {

    private ScannedFields() {}

    static String string(JsonObjectScan body, String name) {
        Optional<JsonMember> member = present(body, name);
        if (member.isEmpty()) {
            return null;
        }
        if (member.get().type() != JsonType.STRING) {
            throw MediaFailures.badRequest(name, "'" + name + "' must be a string.");
        }
        return body.stringValue(member.get());
    }

    /** A number, or a string holding one (OpenAI's {@code seconds} is a string such as {@code "8"}). */
    static BigDecimal number(JsonObjectScan body, String name) {
        Optional<JsonMember> member = present(body, name);
        if (member.isEmpty()) {
            return null;
        }
        String text = switch (member.get().type()) {
            case NUMBER -> new String(body.rawValue(member.get()), StandardCharsets.US_ASCII);
            case STRING -> body.stringValue(member.get()).strip();
            default -> throw MediaFailures.badRequest(name, "'" + name + "' must be a number.");
        };
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw MediaFailures.badRequest(name, "'" + name + "' must be a number, not '" + text + "'.");
        }
    }

    static JsonObjectScan object(JsonObjectScan body, String name) {
        Optional<JsonMember> member = present(body, name);
        if (member.isEmpty()) {
            return null;
        }
        if (member.get().type() != JsonType.OBJECT) {
            throw MediaFailures.badRequest(name, "'" + name + "' must be an object.");
        }
        try {
            return body.objectValue(member.get());
        } catch (MalformedJsonException e) {
            throw MediaFailures.badRequest(name, "'" + name + "' must be an object.");
        }
    }

    static JsonType type(JsonObjectScan body, String name) {
        return present(body, name).map(JsonMember::type).orElse(null);
    }

    private static Optional<JsonMember> present(JsonObjectScan body, String name) {
        return body.member(name).filter(m -> m.type() != JsonType.NULL);
    }
}
