package io.conduit.provider.spi;

import io.conduit.contracts.usage.MediaUsage;
import java.util.function.Function;

/**
 * Capability: text to speech in OpenAI's shape ({@code POST /audio/speech}: {@code model},
 * {@code input}, {@code voice}, {@code response_format}, …). Most providers answer with the audio
 * itself: the caller streams the provider's body to its destination unchanged and the adapter only
 * names its content type and the units. Some wrap the audio (MiniMax answers JSON holding it in hex):
 * their adapter says so with {@link #wrapsAudio()} and the caller passes the whole body through
 * {@link #audio(byte[])}. It does no I/O.
 */
public interface Speech {

    /** The provider request for a client's {@code CreateSpeechRequest} ({@code call.body()}). */
    UpstreamRequest request(ProviderEndpoint endpoint, InboundCall call);

    /**
     * What a successful answer is.
     *
     * @param call the call that asked for it
     * @param responseHeader reads a header of the provider's answer by name, null when absent
     */
    Answer answer(InboundCall call, Function<String, String> responseHeader);

    /**
     * Whether a successful body must go through {@link #audio(byte[])}: false (the default) when it is
     * the audio itself and may be streamed to its destination as it arrives.
     */
    default boolean wrapsAudio() {
        return false;
    }

    /**
     * The audio of a successful answer, from the provider's whole body: the body itself by default;
     * decoded by adapters whose provider wraps it ({@link #wrapsAudio()}).
     *
     * @throws ProviderException when the body holds no audio, or reports an error with a 2xx status
     */
    default byte[] audio(byte[] providerBody) {
        return providerBody;
    }

    /**
     * @param contentType the audio's content type, e.g. {@code audio/mpeg}
     * @param media characters of input text spoken ({@link MediaUsage#speechCharacters()}, in Unicode
     *     code points)
     */
    record Answer(String contentType, MediaUsage media) {}
}
