package io.conduit.provider.minimax;

/**
 * Takes the {@code <think>…</think>} block off the front of a MiniMax answer. MiniMax-M2 models
 * (in OpenAI format without {@code reasoning_split}) put their reasoning at the start of
 * {@code content}, wrapped in these tags and followed by blank lines; the client gets the answer
 * without it. Fed piece by piece, as a stream arrives, so tags split across pieces are found;
 * only a block that opens before any visible text is taken, so a literal {@code <think>} later
 * in an answer stays. One instance per answer; not thread-safe.
 */
final class ThinkStripper {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private enum Phase { START, THINK, AFTER, TEXT }

    private Phase phase = Phase.START;
    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();

    /** The visible part of the next piece of content (possibly empty). */
    String feed(String piece) {
        if (phase == Phase.TEXT) {
            return piece;
        }
        pending.append(piece);
        StringBuilder visible = new StringBuilder();
        boolean progressed = true;
        while (progressed) {
            progressed = switch (phase) {
                case START -> start(visible);
                case THINK -> think();
                case AFTER -> after(visible);
                case TEXT -> {
                    visible.append(pending);
                    pending.setLength(0);
                    yield false;
                }
            };
        }
        return visible.toString();
    }

    /** What is still held back at the end of the answer (text that only looked like a tag's start). */
    String finish() {
        String rest = phase == Phase.START ? pending.toString() : "";
        pending.setLength(0);
        phase = Phase.TEXT;
        return rest;
    }

    /** The reasoning taken off so far. */
    String reasoning() {
        return reasoning.toString();
    }

    private boolean start(StringBuilder visible) {
        String held = pending.toString();
        String trimmed = held.stripLeading();
        if (trimmed.startsWith(OPEN)) {
            pending.delete(0, held.length() - trimmed.length() + OPEN.length());
            phase = Phase.THINK;
            return true;
        }
        if (OPEN.startsWith(trimmed)) {
            return false; // still may become "<think>": wait for more
        }
        visible.append(held);
        pending.setLength(0);
        phase = Phase.TEXT;
        return false;
    }

    private boolean think() {
        int close = pending.indexOf(CLOSE);
        if (close >= 0) {
            reasoning.append(pending, 0, close);
            pending.delete(0, close + CLOSE.length());
            phase = Phase.AFTER;
            return true;
        }
        // keep a tail that may be the start of "</think>"
        int keep = partialSuffix(pending, CLOSE);
        reasoning.append(pending, 0, pending.length() - keep);
        pending.delete(0, pending.length() - keep);
        return false;
    }

    private boolean after(StringBuilder visible) {
        int i = 0;
        while (i < pending.length() && Character.isWhitespace(pending.charAt(i))) {
            i++;
        }
        pending.delete(0, i);
        if (pending.isEmpty()) {
            return false;
        }
        phase = Phase.TEXT;
        return true;
    }

    /** The length of the longest end of {@code text} that is a proper start of {@code tag}. */
    private static int partialSuffix(CharSequence text, String tag) {
        for (int n = Math.min(tag.length() - 1, text.length()); n > 0; n--) {
            if (tag.startsWith(text.subSequence(text.length() - n, text.length()).toString())) {
                return n;
            }
        }
        return 0;
    }
}
