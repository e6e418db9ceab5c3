package io.conduit.bench.jmh;

import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.MalformedJsonException;
import io.conduit.provider.spi.sse.SseEventSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark payloads under {@code src/main/resources/payloads}: client requests written for
 * the benchmark, and provider answers captured from each adapter's fake upstream (see
 * {@code CapturePayloads} in src/test and bench/jmh/README.md).
 */
public final class Payloads {

    /** OpenAI chat body: system + user + assistant + user, one function tool. */
    public static final String CHAT_REQUEST = "chat-request.json";
    /** The same, streamed, with {@code stream_options.include_usage}. */
    public static final String CHAT_REQUEST_STREAM = "chat-request-stream.json";
    public static final String MESSAGES_REQUEST = "messages-request.json";
    public static final String MESSAGES_REQUEST_STREAM = "messages-request-stream.json";
    public static final String RESPONSES_REQUEST = "responses-request.json";
    public static final String RESPONSES_REQUEST_STREAM = "responses-request-stream.json";

    /** The assistant's answer every captured provider payload carries (plain and streamed). */
    public static final String ANSWER_TEXT = "Bring a light jacket: Friday starts around 13 °C with a north-westerly"
            + " breeze and reaches about 19 °C in the afternoon, with a 10 % chance of showers. Belém is worth"
            + " half a day — go early, since the queue at the Jerónimos Monastery is shortest before 10:00,"
            + " and have a pastel de nata at the old bakery next door. Tram 15E from Praça da Figueira"
            + " takes about 25 minutes, but it is crowded by noon.";

    private Payloads() {}

    public static byte[] bytes(String resource) {
        try (InputStream in = Payloads.class.getResourceAsStream("/payloads/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no benchmark payload " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What ingress hands an adapter for the benchmark's chat request: the body scanned once. */
    public static InboundCall chatCall(boolean stream, String providerModel) {
        byte[] body = bytes(stream ? CHAT_REQUEST_STREAM : CHAT_REQUEST);
        try {
            return new InboundCall(JsonObjectScan.parse(body), providerModel, stream, stream);
        } catch (MalformedJsonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The streamed body cut into the provider's events, each as one network read would deliver it. */
    public static List<byte[]> events(Provider provider) {
        byte[] stream = bytes(provider.streamResource());
        return provider.framing() == Provider.Framing.SSE ? sseEvents(stream) : eventStreamMessages(stream);
    }

    public static List<byte[]> sseEvents(byte[] stream) {
        List<byte[]> events = new ArrayList<>();
        new SseEventSplitter().feed(stream, events::add);
        return events;
    }

    /**
     * AWS event-stream messages, whole: each starts with its total length (4 bytes, big-endian),
     * so the framing is cut here without the decoder under test.
     */
    public static List<byte[]> eventStreamMessages(byte[] stream) {
        List<byte[]> messages = new ArrayList<>();
        for (int at = 0; at < stream.length; ) {
            int length = ByteBuffer.wrap(stream, at, 4).getInt();
            if (length < 16 || at + length > stream.length) {
                throw new IllegalStateException("truncated event-stream message at byte " + at);
            }
            messages.add(Arrays.copyOfRange(stream, at, at + length));
            at += length;
        }
        return messages;
    }
}
