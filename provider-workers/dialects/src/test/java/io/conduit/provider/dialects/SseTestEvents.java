package io.conduit.provider.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A client stream cut back into its events, each checked to be {@code event: <type>\ndata: <json>\n\n}. */
record SseTestEvents(List<String> names, List<String> data) {

    /** Feeds every upstream event to the stream, then ends it; returns all the client got. */
    static byte[] run(DialectStream stream, List<byte[]> upstream, boolean completed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] event : upstream) {
            byte[] bytes = stream.onEvent(event);
            assertThat(bytes).isNotNull();
            out.writeBytes(bytes);
        }
        out.writeBytes(stream.onEnd(completed));
        return out.toByteArray();
    }

    static SseTestEvents parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n\n");
        List<String> names = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (String event : text.substring(0, text.length() - 2).split("\n\n", -1)) {
            String[] lines = event.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            String name = lines[0].substring(7);
            String json = lines[1].substring(6);
            assertThat(Jsons.MAPPER.readTree(json).get("type").stringValue()).as("type of %s", json).isEqualTo(name);
            names.add(name);
            data.add(json);
        }
        return new SseTestEvents(names, data);
    }

    JsonNode json(int i) {
        return Jsons.MAPPER.readTree(data.get(i));
    }

    JsonNode last() {
        return json(data.size() - 1);
    }
}
