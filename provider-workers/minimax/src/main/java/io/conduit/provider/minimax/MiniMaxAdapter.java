package io.conduit.provider.minimax;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.VideoJobs;
import java.util.Optional;

/**
 * MiniMax's ChatCompletion v2 API (provider type {@code minimax}, default base URL
 * {@code https://api.minimax.io/v1}; {@code https://api.minimaxi.com/v1} for keys of MiniMax's
 * China platform): chat completions, plain and streamed, over {@code POST /text/chatcompletion_v2}.
 * The credential is a MiniMax API key, sent as a bearer token. Errors MiniMax answers with HTTP
 * 200 and a {@code base_resp} code are reported as provider failures all the same. Also makes videos
 * ({@link MiniMaxVideos}, the Hailuo task API) and speech ({@link MiniMaxSpeech}, T2A v2).
 */
public final class MiniMaxAdapter implements ProviderAdapter {

    public static final String ID = "minimax";

    private final ChatCompletions chat = new MiniMaxChatCompletions();
    private final ProviderErrorMapper errors = new MiniMaxErrorMapper();
    private final VideoJobs videos = new MiniMaxVideos();
    private final Speech speech = new MiniMaxSpeech();

    private MiniMaxAdapter() {}

    public static MiniMaxAdapter create() {
        return new MiniMaxAdapter();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<ChatCompletions> chatCompletions() {
        return Optional.of(chat);
    }

    @Override
    public Optional<VideoJobs> videoJobs() {
        return Optional.of(videos);
    }

    @Override
    public Optional<Speech> speech() {
        return Optional.of(speech);
    }

    @Override
    public ProviderErrorMapper errorMapper() {
        return errors;
    }

    @Override
    public ModelCapabilities modelCapabilities(String providerModel) {
        return MiniMaxModels.of(providerModel);
    }
}
