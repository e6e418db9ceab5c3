package io.conduit.provider.bedrock.eventstream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One message of the AWS event stream encoding ({@code application/vnd.amazon.eventstream}), as
 * Bedrock's {@code ConverseStream} sends them: a 12-byte prelude (total length, headers length,
 * CRC32 of those 8 bytes), the headers, the payload, and a CRC32 of everything before it. All
 * integers are big-endian.
 *
 * <p>Only string-valued headers are kept ({@code :message-type}, {@code :event-type},
 * {@code :exception-type}, {@code :content-type}, {@code :error-code}, ...); headers of the other
 * value types are read past.
 *
 * @param headers string headers by name, in wire order
 * @param payload the payload bytes (JSON for Converse events)
 */
public record EventStreamMessage(Map<String, String> headers, byte[] payload) {

    /** Prelude (12 bytes) plus message CRC (4 bytes). */
    public static final int OVERHEAD = 16;
    /** The largest message the format allows (16 MiB). */
    public static final int MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;

    private static final int PRELUDE = 12;
    private static final int TYPE_STRING = 7;

    public EventStreamMessage {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public String header(String name) {
        return headers.get(name);
    }

    /**
     * Reads one whole message whose CRCs were already checked (see {@link EventStreamDecoder}).
     *
     * @throws IllegalArgumentException when the lengths or headers are malformed
     */
    public static EventStreamMessage decode(byte[] frame) {
        if (frame.length < OVERHEAD) {
            throw new IllegalArgumentException("event stream message shorter than its prelude");
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        int total = in.getInt(0);
        int headersEnd = PRELUDE + in.getInt(4);
        if (total != frame.length || headersEnd < PRELUDE || headersEnd > total - 4) {
            throw new IllegalArgumentException("event stream message lengths do not add up");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        in.position(PRELUDE);
        while (in.position() < headersEnd) {
            int nameLength = in.get() & 0xFF;
            String name = new String(frame, in.position(), nameLength, StandardCharsets.UTF_8);
            in.position(in.position() + nameLength);
            int type = in.get();
            int valueLength = switch (type) {
                case 0, 1 -> 0;                        // boolean true, false
                case 2 -> 1;                           // byte
                case 3 -> 2;                           // short
                case 4 -> 4;                           // int
                case 5, 8 -> 8;                        // long, timestamp
                case 6, TYPE_STRING -> in.getShort() & 0xFFFF; // byte array, string
                case 9 -> 16;                          // uuid
                default -> throw new IllegalArgumentException("unknown event stream header type " + type);
            };
            if (in.position() + valueLength > headersEnd) {
                throw new IllegalArgumentException("event stream header overruns the headers");
            }
            if (type == TYPE_STRING) {
                headers.put(name, new String(frame, in.position(), valueLength, StandardCharsets.UTF_8));
            }
            in.position(in.position() + valueLength);
        }
        byte[] payload = new byte[total - 4 - headersEnd];
        System.arraycopy(frame, headersEnd, payload, 0, payload.length);
        return new EventStreamMessage(headers, payload);
    }

    /** This message in wire form, CRCs included; headers are written as strings, in order. */
    public byte[] encode() {
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            headerBytes.write(n.length);
            headerBytes.writeBytes(n);
            headerBytes.write(TYPE_STRING);
            headerBytes.write(v.length >>> 8);
            headerBytes.write(v.length & 0xFF);
            headerBytes.writeBytes(v);
        });
        int total = OVERHEAD + headerBytes.size() + payload.length;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total).putInt(headerBytes.size());
        out.putInt((int) crc(out.array(), 0, 8));
        out.put(headerBytes.toByteArray()).put(payload);
        out.putInt((int) crc(out.array(), 0, total - 4));
        return out.array();
    }

    static long crc(byte[] bytes, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        return crc.getValue();
    }
}
