package io.conduit.provider.elevenlabs;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.Speech;
import java.util.Optional;

/**
 * ElevenLabs (provider type {@code elevenlabs}, default base URL {@code https://api.elevenlabs.io/v1}):
 * text to speech as OpenAI's {@code /audio/speech} ({@link ElevenLabsSpeech}). The credential is an
 * ElevenLabs API key, sent in {@code xi-api-key}. ElevenLabs has no chat: the type serves only media.
 */
public final class ElevenLabsAdapter implements ProviderAdapter {

    public static final String ID = "elevenlabs";

    private final Speech speech = new ElevenLabsSpeech();
    private final ProviderErrorMapper errors = new ElevenLabsErrorMapper();

    private ElevenLabsAdapter() {}

    public static ElevenLabsAdapter create() {
        return new ElevenLabsAdapter();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Speech> speech() {
        return Optional.of(speech);
    }

    @Override
    public ProviderErrorMapper errorMapper() {
        return errors;
    }
}
