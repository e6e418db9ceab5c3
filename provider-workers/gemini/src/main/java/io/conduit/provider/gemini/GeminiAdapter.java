package io.conduit.provider.gemini;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.VideoJobs;
import java.time.Clock;
import java.util.Optional;

/**
 * Google Gemini, on the Gemini API of Google AI Studio ({@code gemini}: an API key) or on Vertex AI
 * ({@code vertex_ai}: a service-account key, or an access token). Both speak the same
 * {@code generateContent} wire format, so they share one mapping from and to OpenAI chat
 * completions (plain and streamed) and embeddings; only paths and credentials differ. On the Gemini
 * API (type {@code gemini}) it also makes videos with Veo ({@link GeminiVideos}) and images with
 * Imagen ({@link GeminiImages}); Vertex AI's media methods differ and are not offered.
 */
public final class GeminiAdapter implements ProviderAdapter {

    private final GeminiApi api;
    private final GeminiErrorMapper errors = new GeminiErrorMapper();
    private final ChatCompletions chat;
    private final Embeddings embeddings;
    private final VideoJobs videos;
    private final ImageGeneration images;

    private GeminiAdapter(GeminiApi api, Clock clock) {
        this.api = api;
        this.chat = new GeminiChatCompletions(api, clock, errors);
        this.embeddings = new GeminiEmbeddings(api);
        this.videos = api.vertex() ? null : new GeminiVideos(api);
        this.images = api.vertex() ? null : new GeminiImages(api, clock);
    }

    /** The Gemini API (https://generativelanguage.googleapis.com/v1beta), type {@code gemini}. */
    public static GeminiAdapter aiStudio() {
        return aiStudio(Clock.systemUTC());
    }

    /** Gemini on Vertex AI (https://aiplatform.googleapis.com/v1), type {@code vertex_ai}. */
    public static GeminiAdapter vertexAi() {
        return vertexAi(Clock.systemUTC());
    }

    static GeminiAdapter aiStudio(Clock clock) {
        return new GeminiAdapter(new AiStudioApi(), clock);
    }

    static GeminiAdapter vertexAi(Clock clock) {
        return new GeminiAdapter(new VertexApi(new VertexCredentials(clock)), clock);
    }

    @Override
    public String id() {
        return api.adapterId();
    }

    @Override
    public Optional<ChatCompletions> chatCompletions() {
        return Optional.of(chat);
    }

    @Override
    public Optional<Embeddings> embeddings() {
        return Optional.of(embeddings);
    }

    /** Veo, on the Gemini API only. */
    @Override
    public Optional<VideoJobs> videoJobs() {
        return Optional.ofNullable(videos);
    }

    /** Imagen, on the Gemini API only. */
    @Override
    public Optional<ImageGeneration> imageGeneration() {
        return Optional.ofNullable(images);
    }

    @Override
    public ProviderErrorMapper errorMapper() {
        return errors;
    }

    @Override
    public ModelCapabilities modelCapabilities(String providerModel) {
        return GeminiModels.capabilities(providerModel);
    }
}
