package io.conduit.provider.dialects;

/**
 * Translates one streamed chat answer into the client's stream. One instance per stream; not
 * thread-safe (events of one stream arrive in order, one at a time).
 */
public interface DialectStream {

    /**
     * Takes one OpenAI server-sent event (its bytes, including the blank line that ends it) and
     * returns the client's server-sent events for it; never null, empty when there is nothing to
     * send yet.
     */
    byte[] onEvent(byte[] openAiSseEvent);

    /**
     * Called once when the upstream stream is over. Returns what the client still needs: nothing
     * when the stream already ended ({@code [DONE]} or an error event passed); the normal ending
     * when {@code upstreamCompleted} and the answer's finish reason had arrived; otherwise the
     * dialect's error ending, so a cut stream never looks like a complete answer.
     *
     * @param upstreamCompleted whether the upstream body ended cleanly (rather than being cut)
     */
    byte[] onEnd(boolean upstreamCompleted);
}
