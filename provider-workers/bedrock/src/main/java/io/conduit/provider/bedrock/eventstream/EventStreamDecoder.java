package io.conduit.provider.bedrock.eventstream;

import io.conduit.provider.spi.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cuts an {@code application/vnd.amazon.eventstream} body into whole messages, each handed on as
 * its wire bytes once both CRCs check out. A message may arrive split across any number of reads;
 * its bytes are kept until the rest arrives.
 *
 * <p>A broken stream (a CRC mismatch, or lengths no message can have) cannot be re-synchronised,
 * because the format has no delimiter to search for. The decoder then hands on one message of its
 * own, {@code :message-type = error} with {@code :error-code = CorruptEventStream}, so the relay
 * reports the failure in the stream like any other provider error, and ignores everything after.
 * One instance per stream; not thread-safe.
 */
public final class EventStreamDecoder implements StreamDecoder {

    /** The {@code :error-code} of the message handed on for a corrupt stream. */
    public static final String CORRUPT_STREAM = "CorruptEventStream";

    private static final int PRELUDE = 12;

    private byte[] buffer = new byte[8192];
    private int start;
    private int end;
    private boolean broken;

    @Override
    public void feed(byte[] chunk, Consumer<byte[]> onEvent) {
        if (broken) {
            return;
        }
        append(chunk);
        while (end - start >= PRELUDE) {
            int total = intAt(start);
            int headersLength = intAt(start + 4);
            if (Integer.toUnsignedLong(intAt(start + 8)) != EventStreamMessage.crc(buffer, start, 8)) {
                fail("the prelude CRC does not match", onEvent);
                return;
            }
            if (total < EventStreamMessage.OVERHEAD || total > EventStreamMessage.MAX_MESSAGE_LENGTH
                    || headersLength < 0 || headersLength > total - EventStreamMessage.OVERHEAD) {
                fail("a message has impossible lengths", onEvent);
                return;
            }
            if (end - start < total) {
                return;
            }
            if (Integer.toUnsignedLong(intAt(start + total - 4)) != EventStreamMessage.crc(buffer, start, total - 4)) {
                fail("a message CRC does not match", onEvent);
                return;
            }
            byte[] message = new byte[total];
            System.arraycopy(buffer, start, message, 0, total);
            start += total;
            onEvent.accept(message);
        }
    }

    /** Whether bytes of an unfinished message are waiting (the stream was cut inside a message). */
    public boolean hasPartialMessage() {
        return !broken && end > start;
    }

    private void fail(String reason, Consumer<byte[]> onEvent) {
        broken = true;
        buffer = new byte[0];
        start = 0;
        end = 0;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "error");
        headers.put(":error-code", CORRUPT_STREAM);
        headers.put(":error-message", "The provider's event stream is corrupt: " + reason + ".");
        onEvent.accept(new EventStreamMessage(headers, "{}".getBytes(StandardCharsets.US_ASCII)).encode());
    }

    private void append(byte[] chunk) {
        if (start == end) {
            start = 0;
            end = 0;
        }
        if (end + chunk.length > buffer.length) {
            int pending = end - start;
            byte[] target = pending + chunk.length > buffer.length
                    ? new byte[Math.max(buffer.length * 2, pending + chunk.length)]
                    : buffer;
            System.arraycopy(buffer, start, target, 0, pending);
            buffer = target;
            start = 0;
            end = pending;
        }
        System.arraycopy(chunk, 0, buffer, end, chunk.length);
        end += chunk.length;
    }

    private int intAt(int i) {
        return ((buffer[i] & 0xFF) << 24) | ((buffer[i + 1] & 0xFF) << 16) | ((buffer[i + 2] & 0xFF) << 8)
                | (buffer[i + 3] & 0xFF);
    }
}
