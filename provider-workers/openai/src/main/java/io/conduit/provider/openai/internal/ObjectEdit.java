package io.conduit.provider.openai.internal;

import io.conduit.contracts.json.JsonStrings;
import io.conduit.provider.spi.json.JsonMember;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Edits to the top-level members of a scanned JSON object: values replaced, members renamed,
 * dropped or added. Values that are not touched are copied byte for byte; when nothing is renamed
 * or dropped, the object's own formatting is kept too.
 */
public final class ObjectEdit {

    private final JsonObjectScan object;
    private final Map<String, byte[]> replacements = new HashMap<>();
    private final Map<String, String> renames = new HashMap<>();
    private final Set<String> drops = new HashSet<>();
    private final Map<String, byte[]> additions = new LinkedHashMap<>();

    public ObjectEdit(JsonObjectScan object) {
        this.object = object;
    }

    public boolean has(String name) {
        return object.member(name).isPresent();
    }

    /** Replaces the value of an existing member (under its new name, if it is also renamed). */
    public ObjectEdit replace(String name, byte[] rawValue) {
        replacements.put(name, rawValue);
        return this;
    }

    public ObjectEdit rename(String from, String to) {
        renames.put(from, to);
        return this;
    }

    /** The name a member will have in the result. */
    public String sentName(String name) {
        return renames.getOrDefault(name, name);
    }

    public ObjectEdit drop(String name) {
        drops.add(name);
        return this;
    }

    /** Adds a member at the end, unless the object already has one of that name. */
    public ObjectEdit add(String name, byte[] rawValue) {
        additions.put(name, rawValue);
        return this;
    }

    public byte[] toBytes() {
        if (renames.isEmpty() && drops.isEmpty()) {
            return object.rewrite(replacements, additions);
        }
        byte[] source = object.bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream(source.length + 64);
        out.write('{');
        boolean first = true;
        for (JsonMember member : object.members()) {
            if (drops.contains(member.name())) {
                continue;
            }
            first = separate(out, first);
            writeName(out, renames.getOrDefault(member.name(), member.name()));
            byte[] replacement = replacements.get(member.name());
            if (replacement != null) {
                out.writeBytes(replacement);
            } else {
                out.write(source, member.start(), member.end() - member.start());
            }
        }
        for (Map.Entry<String, byte[]> addition : additions.entrySet()) {
            if (!has(addition.getKey())) {
                first = separate(out, first);
                writeName(out, addition.getKey());
                out.writeBytes(addition.getValue());
            }
        }
        out.write('}');
        return out.toByteArray();
    }

    private static boolean separate(ByteArrayOutputStream out, boolean first) {
        if (!first) {
            out.write(',');
        }
        return false;
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        out.writeBytes(JsonStrings.quote(name).getBytes(StandardCharsets.UTF_8));
        out.write(':');
    }
}
