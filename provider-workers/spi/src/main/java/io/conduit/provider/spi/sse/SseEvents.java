package io.conduit.provider.spi.sse;

import java.nio.charset.StandardCharsets;

/** Reading and writing the fields of one server-sent event. */
public final class SseEvents {

    private SseEvents() {}

    /**
     * Where the value of the event's first {@code data} line lies: {@code {start, end}} indexes
     * into the event, or null when it has no data line. Providers of chat streams send one data
     * line per event, so the value can be scanned in place.
     */
    public static int[] dataSpan(byte[] event) {
        int lineStart = 0;
        while (lineStart < event.length) {
            int lineEnd = lineStart;
            while (lineEnd < event.length && event[lineEnd] != '\n' && event[lineEnd] != '\r') {
                lineEnd++;
            }
            if (startsWith(event, lineStart, lineEnd, "data:")) {
                int start = lineStart + 5;
                if (start < lineEnd && event[start] == ' ') {
                    start++;
                }
                return new int[] {start, lineEnd};
            }
            lineStart = lineEnd + 1;
        }
        return null;
    }

    /** The value of the event's first data line as text, or null. */
    public static String data(byte[] event) {
        int[] span = dataSpan(event);
        return span == null ? null : new String(event, span[0], span[1] - span[0], StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (b[from + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
