package io.conduit.provider.spi.json;

/**
 * A top-level member of a scanned JSON object: its name and where its value lies in the bytes.
 *
 * @param name the member's (unescaped) name
 * @param start index of the value's first byte
 * @param end index just past the value's last byte
 * @param type the value's type
 */
public record JsonMember(String name, int start, int end, JsonType type) {}
