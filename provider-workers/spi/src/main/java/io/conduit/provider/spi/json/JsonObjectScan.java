package io.conduit.provider.spi.json;

import io.conduit.contracts.json.JsonStrings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a JSON object in one pass over its bytes and records where each top-level member's
 * value lies, without building a tree. The hot path reads the few fields it routes by and
 * rewrites values in place, forwarding everything else byte for byte.
 */
public final class JsonObjectScan {

    private static final int MAX_DEPTH = 512;

    private final byte[] bytes;
    private final int offset;
    private final int limit;
    private final List<JsonMember> members;
    private final int closingBrace;

    private JsonObjectScan(byte[] bytes, int offset, int limit, List<JsonMember> members, int closingBrace) {
        this.bytes = bytes;
        this.offset = offset;
        this.limit = limit;
        this.members = members;
        this.closingBrace = closingBrace;
    }

    /** Scans a whole document, which must be a JSON object. */
    public static JsonObjectScan parse(byte[] bytes) throws MalformedJsonException {
        return parse(bytes, 0, bytes.length);
    }

    /** Scans {@code bytes[from, to)}, which must hold exactly one JSON object (white space around it allowed). */
    public static JsonObjectScan parse(byte[] bytes, int from, int to) throws MalformedJsonException {
        JsonCursor cursor = new JsonCursor(bytes, from, to, MAX_DEPTH);
        cursor.skipWhitespace();
        if (!cursor.peekIs('{')) {
            throw new MalformedJsonException("We could not parse the JSON body of your request: expected a JSON object.");
        }
        List<JsonMember> members = new ArrayList<>(16);
        int closing = cursor.readObjectMembers(members);
        cursor.skipWhitespace();
        if (!cursor.atEnd()) {
            throw cursor.error("unexpected content after the JSON object");
        }
        return new JsonObjectScan(bytes, from, to, List.copyOf(members), closing);
    }

    public byte[] bytes() {
        return bytes;
    }

    public List<JsonMember> members() {
        return members;
    }

    /** The last member of that name (as JSON parsers that keep the last duplicate do). */
    public Optional<JsonMember> member(String name) {
        for (int i = members.size() - 1; i >= 0; i--) {
            if (members.get(i).name().equals(name)) {
                return Optional.of(members.get(i));
            }
        }
        return Optional.empty();
    }

    /** The unescaped text of a string member. */
    public String stringValue(JsonMember member) {
        if (member.type() != JsonType.STRING) {
            throw new IllegalArgumentException(member.name() + " is not a string");
        }
        return JsonCursor.unescape(bytes, member.start(), member.end());
    }

    /** The raw bytes of a member's value. */
    public byte[] rawValue(JsonMember member) {
        byte[] out = new byte[member.end() - member.start()];
        System.arraycopy(bytes, member.start(), out, 0, out.length);
        return out;
    }

    /** Scans a member whose value is an object. */
    public JsonObjectScan objectValue(JsonMember member) throws MalformedJsonException {
        return parse(bytes, member.start(), member.end());
    }

    /**
     * A copy of the object with some members' values replaced and others added at the end.
     *
     * @param replacements raw JSON values by member name, for members that exist (all duplicates replaced)
     * @param additions raw JSON values by member name, appended for names not present
     */
    public byte[] rewrite(Map<String, byte[]> replacements, Map<String, byte[]> additions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(limit - offset + 64);
        int copied = offset;
        for (JsonMember member : members) {
            byte[] replacement = replacements.get(member.name());
            if (replacement != null) {
                out.write(bytes, copied, member.start() - copied);
                out.writeBytes(replacement);
                copied = member.end();
            }
        }
        out.write(bytes, copied, closingBrace - copied);
        boolean hasMembers = !members.isEmpty();
        for (Map.Entry<String, byte[]> addition : additions.entrySet()) {
            if (member(addition.getKey()).isPresent()) {
                continue;
            }
            if (hasMembers) {
                out.write(',');
            }
            out.writeBytes(JsonStrings.quote(addition.getKey()).getBytes(StandardCharsets.UTF_8));
            out.write(':');
            out.writeBytes(addition.getValue());
            hasMembers = true;
        }
        out.write(bytes, closingBrace, limit - closingBrace);
        return out.toByteArray();
    }
}
