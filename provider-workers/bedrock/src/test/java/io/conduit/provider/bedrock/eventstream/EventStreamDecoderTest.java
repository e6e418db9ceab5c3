package io.conduit.provider.bedrock.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/** The event stream codec, checked against the AWS SDK's own implementation of the format. */
class EventStreamDecoderTest {

    private static byte[] sdkMessage(String eventType, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return new Message(headers, json.getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();
    }

    private static List<byte[]> feedAll(EventStreamDecoder decoder, byte[]... chunks) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] chunk : chunks) {
            decoder.feed(chunk, out::add);
        }
        return out;
    }

    @Test
    void reads_messages_the_sdk_encodes() {
        byte[] frame = sdkMessage("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"żółw 🐢\"}}");

        List<byte[]> messages = feedAll(new EventStreamDecoder(), frame);

        assertThat(messages).hasSize(1);
        EventStreamMessage message = EventStreamMessage.decode(messages.getFirst());
        assertThat(message.header(":event-type")).isEqualTo("contentBlockDelta");
        assertThat(message.header(":message-type")).isEqualTo("event");
        assertThat(new String(message.payload(), StandardCharsets.UTF_8)).contains("żółw 🐢");
    }

    @Test
    void keeps_string_headers_and_reads_past_every_other_header_type() {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put("bool-true", HeaderValue.fromBoolean(true));
        headers.put("bool-false", HeaderValue.fromBoolean(false));
        headers.put("byte", HeaderValue.fromByte((byte) 7));
        headers.put("short", HeaderValue.fromShort((short) 300));
        headers.put("int", HeaderValue.fromInteger(70000));
        headers.put("long", HeaderValue.fromLong(1L << 40));
        headers.put("bytes", HeaderValue.fromByteArray(new byte[] {1, 2, 3}));
        headers.put("time", HeaderValue.fromTimestamp(Instant.parse("2025-01-01T00:00:00Z")));
        headers.put("uuid", HeaderValue.fromUuid(UUID.randomUUID()));
        headers.put(":event-type", HeaderValue.fromString("metadata"));
        byte[] frame = new Message(headers, "{}".getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();

        EventStreamMessage message = EventStreamMessage.decode(feedAll(new EventStreamDecoder(), frame).getFirst());

        assertThat(message.headers()).containsExactly(Map.entry(":event-type", "metadata"));
        assertThat(message.payload()).containsExactly('{', '}');
    }

    @Test
    void writes_messages_the_sdk_reads() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "exception");
        headers.put(":exception-type", "throttlingException");
        byte[] ours = new EventStreamMessage(headers, "{\"message\":\"slow down\"}".getBytes(StandardCharsets.UTF_8)).encode();

        Message decoded = Message.decode(ByteBuffer.wrap(ours));

        assertThat(decoded.getHeaders().get(":exception-type").getString()).isEqualTo("throttlingException");
        assertThat(new String(decoded.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"slow down\"}");
    }

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 11, 64, 4096})
    void messages_split_across_reads_come_out_whole_and_in_order(int pieceSize) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] frame = sdkMessage("contentBlockDelta", "{\"delta\":{\"text\":\"piece " + i + " " + "x".repeat(i * 37) + "\"}}");
            sent.add(frame);
            wire.writeBytes(frame);
        }
        byte[] all = wire.toByteArray();
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<byte[]> received = new ArrayList<>();
        for (int from = 0; from < all.length; from += pieceSize) {
            decoder.feed(Arrays.copyOfRange(all, from, Math.min(all.length, from + pieceSize)), received::add);
        }

        assertThat(received).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(received.get(i)).isEqualTo(sent.get(i));
        }
        assertThat(decoder.hasPartialMessage()).isFalse();
    }

    @Test
    void a_message_larger_than_the_initial_buffer_is_assembled() {
        byte[] frame = sdkMessage("contentBlockDelta", "{\"delta\":{\"text\":\"" + "y".repeat(100_000) + "\"}}");

        List<byte[]> received = feedAll(new EventStreamDecoder(), Arrays.copyOfRange(frame, 0, 5000),
                Arrays.copyOfRange(frame, 5000, 90_000), Arrays.copyOfRange(frame, 90_000, frame.length));

        assertThat(received).singleElement().isEqualTo(frame);
    }

    @Test
    void an_unfinished_message_is_reported_as_partial() {
        byte[] frame = sdkMessage("messageStop", "{\"stopReason\":\"end_turn\"}");
        EventStreamDecoder decoder = new EventStreamDecoder();

        assertThat(feedAll(decoder, Arrays.copyOf(frame, frame.length - 3))).isEmpty();
        assertThat(decoder.hasPartialMessage()).isTrue();
    }

    @Test
    void a_payload_crc_mismatch_becomes_one_corrupt_stream_error_and_ends_decoding() {
        byte[] good = sdkMessage("messageStart", "{\"role\":\"assistant\"}");
        byte[] bad = sdkMessage("contentBlockDelta", "{\"delta\":{\"text\":\"hello\"}}");
        bad[bad.length - 8] ^= 0x20; // a payload byte flipped in transit
        byte[] after = sdkMessage("messageStop", "{\"stopReason\":\"end_turn\"}");
        EventStreamDecoder decoder = new EventStreamDecoder();

        List<byte[]> received = feedAll(decoder, concat(good, Arrays.copyOf(bad, 10)),
                Arrays.copyOfRange(bad, 10, bad.length), after);

        assertThat(received).hasSize(2);
        assertThat(received.get(0)).isEqualTo(good);
        EventStreamMessage error = EventStreamMessage.decode(received.get(1));
        assertThat(error.header(":message-type")).isEqualTo("error");
        assertThat(error.header(":error-code")).isEqualTo(EventStreamDecoder.CORRUPT_STREAM);
        assertThat(error.header(":error-message")).contains("message CRC");
        assertThat(decoder.hasPartialMessage()).isFalse();
    }

    @Test
    void a_prelude_crc_mismatch_is_caught_before_waiting_for_the_claimed_length() {
        byte[] frame = sdkMessage("messageStart", "{\"role\":\"assistant\"}");
        frame[1] = 0x7F; // total length corrupted to ~8 MB: without the prelude CRC we would wait for it

        List<byte[]> received = feedAll(new EventStreamDecoder(), frame);

        assertThat(received).singleElement().satisfies(m ->
                assertThat(EventStreamMessage.decode(m).header(":error-message")).contains("prelude CRC"));
    }

    @Test
    void impossible_lengths_with_a_valid_prelude_crc_are_corrupt() {
        ByteBuffer prelude = ByteBuffer.allocate(16).putInt(8).putInt(0);
        prelude.putInt((int) EventStreamMessage.crc(prelude.array(), 0, 8));

        List<byte[]> received = feedAll(new EventStreamDecoder(), prelude.array());

        assertThat(received).singleElement().satisfies(m ->
                assertThat(EventStreamMessage.decode(m).header(":error-code")).isEqualTo("CorruptEventStream"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
