package io.conduit.provider.spi;

import io.conduit.contracts.usage.MediaUsage;
import java.util.function.Function;

/**
 * Capability: text to speech in OpenAI's shape ({@code POST /audio/speech}: {@code model},
 * {@code input}, {@code voice}, {@code response_format}, …). The answer is the audio itself: the
 * caller streams the provider's body to its destination unchanged; the adapter only names its
 * content type and the units. It does no I/O.
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
     * @param contentType the audio's content type, e.g. {@code audio/mpeg}
     * @param media characters of input text spoken ({@link MediaUsage#speechCharacters()}, in Unicode
     *     code points)
     */
    record Answer(String contentType, MediaUsage media) {}
}
