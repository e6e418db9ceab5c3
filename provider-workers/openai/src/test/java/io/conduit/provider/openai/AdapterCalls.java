package io.conduit.provider.openai;

import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.MalformedJsonException;
import java.nio.charset.StandardCharsets;

/** Inbound calls for unit tests. */
final class AdapterCalls {

    private AdapterCalls() {}

    static InboundCall call(String json, boolean stream, boolean wantsUsage) {
        return call(json, "gpt-4o-mini", stream, wantsUsage);
    }

    static InboundCall call(String json, String providerModel, boolean stream, boolean wantsUsage) {
        try {
            return new InboundCall(JsonObjectScan.parse(json.getBytes(StandardCharsets.UTF_8)), providerModel, stream,
                    wantsUsage);
        } catch (MalformedJsonException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
