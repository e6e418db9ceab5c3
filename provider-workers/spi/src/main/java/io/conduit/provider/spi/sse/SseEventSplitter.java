package io.conduit.provider.spi.sse;

import io.conduit.provider.spi.StreamDecoder;
import java.util.function.Consumer;

/**
 * Cuts a byte stream of server-sent events into whole events, each ending with its blank line
 * ({@code \n\n}, {@code \r\n\r\n} or {@code \r\r}). Bytes of an unfinished event are kept until
 * the rest arrives. One instance per stream; not thread-safe.
 */
public final class SseEventSplitter implements StreamDecoder {

    private byte[] pending = new byte[0];

    @Override
    public void feed(byte[] chunk, Consumer<byte[]> onEvent) {
        byte[] data = pending.length == 0 ? chunk : concat(pending, chunk);
        int eventStart = 0;
        int scanFrom = Math.max(0, pending.length - 3);
        for (int i = scanFrom; i < data.length; i++) {
            int end = eventEndAt(data, i);
            if (end > 0 && i >= eventStart) {
                byte[] event = new byte[end - eventStart];
                System.arraycopy(data, eventStart, event, 0, event.length);
                onEvent.accept(event);
                eventStart = end;
                i = end - 1;
            }
        }
        int rest = data.length - eventStart;
        pending = new byte[rest];
        System.arraycopy(data, eventStart, pending, 0, rest);
    }

    /** Bytes received after the last complete event (an event cut off by the end of the stream). */
    public byte[] remainder() {
        return pending.clone();
    }

    /** If an event ends at index i (a blank line starting at i), the index just past it; else -1. */
    private static int eventEndAt(byte[] d, int i) {
        if (d[i] == '\n' && i + 1 < d.length && d[i + 1] == '\n') {
            return i + 2;
        }
        if (d[i] == '\r' && i + 3 < d.length && d[i + 1] == '\n' && d[i + 2] == '\r' && d[i + 3] == '\n') {
            return i + 4;
        }
        if (d[i] == '\r' && i + 1 < d.length && d[i + 1] == '\r') {
            return i + 2;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
