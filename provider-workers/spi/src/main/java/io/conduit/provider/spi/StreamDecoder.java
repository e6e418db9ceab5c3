package io.conduit.provider.spi;

import java.util.function.Consumer;

/**
 * Cuts a provider's streamed body into whole events for a {@link StreamRelay}: server-sent events
 * for most providers, binary event-stream messages for some. One instance per stream; not
 * thread-safe.
 */
public interface StreamDecoder {

    /** Feeds the next bytes; calls {@code onEvent} once per event completed by them. */
    void feed(byte[] chunk, Consumer<byte[]> onEvent);
}
