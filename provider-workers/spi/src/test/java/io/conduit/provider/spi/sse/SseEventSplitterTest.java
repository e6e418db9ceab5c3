package io.conduit.provider.spi.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventSplitterTest {

    private static List<String> feedInPieces(String stream, int pieceSize) {
        SseEventSplitter splitter = new SseEventSplitter();
        List<String> events = new ArrayList<>();
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += pieceSize) {
            byte[] piece = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + pieceSize));
            splitter.feed(piece, e -> events.add(new String(e, StandardCharsets.UTF_8)));
        }
        return events;
    }

    @Test
    void splits_events_whatever_the_chunk_boundaries() {
        String stream = "data: {\"a\":1}\n\ndata: {\"b\":2}\n\nevent: x\r\ndata: y\r\n\r\ndata: [DONE]\n\n";
        for (int size = 1; size <= stream.length(); size++) {
            assertThat(feedInPieces(stream, size)).as("pieces of %d", size).containsExactly(
                    "data: {\"a\":1}\n\n", "data: {\"b\":2}\n\n", "event: x\r\ndata: y\r\n\r\n", "data: [DONE]\n\n");
        }
    }

    @Test
    void keeps_an_unfinished_event_as_remainder() {
        SseEventSplitter splitter = new SseEventSplitter();
        List<byte[]> events = new ArrayList<>();
        splitter.feed("data: 1\n\ndata: {\"cut".getBytes(StandardCharsets.UTF_8), events::add);

        assertThat(events).hasSize(1);
        assertThat(new String(splitter.remainder(), StandardCharsets.UTF_8)).isEqualTo("data: {\"cut");
    }

    @Test
    void reads_the_data_field() {
        assertThat(SseEvents.data("event: message_start\ndata: {\"x\":1}\n\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"x\":1}");
        assertThat(SseEvents.data("data:[DONE]\n\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("[DONE]");
        assertThat(SseEvents.data(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
