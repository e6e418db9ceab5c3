package io.conduit.provider.spi;

import java.util.Optional;

/**
 * Relays one streamed answer, event by event, into the client's events (OpenAI
 * {@code chat.completion.chunk} events for chat completions, {@code response.*} events for the
 * Responses API), while keeping what accounting needs. One instance per stream; not thread-safe
 * (events of one stream arrive in order on one thread at a time).
 */
public interface StreamRelay {

    /**
     * Takes one complete server-sent event from the provider (its bytes including the blank line
     * that ends it) and returns the bytes to send the client, or {@code null} to send nothing.
     */
    byte[] relay(byte[] event);

    /** The usage the provider reported, once its usage event has passed. */
    Optional<TokenUsage> reportedUsage();

    /** Whether the provider's end-of-stream marker has passed. */
    boolean completed();

    /** The text generated so far (content and tool-call arguments), to estimate usage of a cut stream. */
    String generatedText();

    /**
     * An error the provider reported inside the stream (an error event after a 200), once its
     * event has passed; the relay has already sent the client an OpenAI-style error event for it.
     */
    default Optional<ProviderException> streamFailure() {
        return Optional.empty();
    }

    /**
     * The events that end the client's stream when the gateway breaks it off (the provider cut the
     * connection or stopped sending), in the stream's own format; empty for the gateway's default, an
     * OpenAI error event {@code data: {"error":{...}}}. Called at most once, after the last
     * {@link #relay} call.
     *
     * @param error what the client is told, in the fields of the OpenAI error envelope
     */
    default Optional<byte[]> interruption(ProviderError error) {
        return Optional.empty();
    }
}
