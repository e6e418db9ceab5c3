package io.conduit.provider.dialects;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Collects the server-sent events one upstream event turns into: {@code event: <name>\ndata: <json>\n\n}. */
final class Sse {

    private static final byte[] NONE = new byte[0];

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void event(String name, JsonNode data) {
        out.writeBytes(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(Jsons.bytes(data));
        out.writeBytes(new byte[] {'\n', '\n'});
    }

    /** The events collected since the last call, then starts afresh. */
    byte[] drain() {
        if (out.size() == 0) {
            return NONE;
        }
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }
}
