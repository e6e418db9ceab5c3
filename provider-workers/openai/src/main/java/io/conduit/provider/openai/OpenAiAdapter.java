package io.conduit.provider.openai;

import io.conduit.provider.openai.OpenAiPreset.Routes;
import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.Responses;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.Transcription;
import io.conduit.provider.spi.VideoJobs;
import java.util.List;
import java.util.Optional;

/**
 * OpenAI and the OpenAI-compatible family: one adapter class for every provider type that speaks
 * OpenAI's chat completions (OpenAI, Azure OpenAI, Groq, Mistral, DeepSeek, xAI, Together, Fireworks,
 * OpenRouter, Cerebras, DeepInfra, SambaNova, Perplexity, Ollama, vLLM, LM Studio and any other
 * compatible server). Requests and answers pass through; each provider's documented differences
 * are data in its {@link OpenAiPreset}. Where the provider serves OpenAI's Responses API itself, so
 * does the adapter ({@link #responses()}).
 */
public final class OpenAiAdapter implements ProviderAdapter {

    public static final String OPENAI = "openai";
    public static final String OPENAI_COMPATIBLE = "openai_compatible";
    public static final String AZURE_OPENAI = "azure_openai";

    private final OpenAiPreset preset;
    private final ChatCompletions chat;
    private final Embeddings embeddings;
    private final Responses responses;
    private final ImageGeneration images;
    private final Speech speech;
    private final Transcription transcription;
    private final VideoJobs videos;
    private final ProviderErrorMapper errors = new OpenAiErrorMapper();

    private OpenAiAdapter(OpenAiPreset preset) {
        this.preset = preset;
        this.chat = new OpenAiChatCompletions(preset, this::modelCapabilities);
        this.embeddings = preset.embeddings() ? new OpenAiEmbeddings(preset) : null;
        this.responses = preset.responses() ? new OpenAiResponses(preset) : null;
        // Media endpoints are documented for OpenAI and Azure OpenAI only; video for OpenAI only
        // (Azure's Sora API has another shape).
        boolean media = preset.id().equals(OPENAI) || preset.id().equals(AZURE_OPENAI);
        this.images = media ? new OpenAiImages(preset) : null;
        this.speech = media ? new OpenAiSpeech(preset) : null;
        this.transcription = media ? new OpenAiTranscription(preset) : null;
        this.videos = preset.id().equals(OPENAI) ? new OpenAiVideos(preset) : null;
    }

    public static OpenAiAdapter openAi() {
        return forFamily(OPENAI);
    }

    public static OpenAiAdapter openAiCompatible() {
        return forFamily(OPENAI_COMPATIBLE);
    }

    public static OpenAiAdapter azure() {
        return forFamily(AZURE_OPENAI);
    }

    /**
     * The adapter for one provider type of the family.
     *
     * @throws IllegalArgumentException when the type is not OpenAI-compatible
     */
    public static OpenAiAdapter forFamily(String id) {
        return new OpenAiAdapter(OpenAiPresets.of(id)
                .orElseThrow(() -> new IllegalArgumentException(id + " is not an OpenAI-compatible provider type")));
    }

    /** One adapter per provider type of the family, to register by {@link #id()}. */
    public static List<OpenAiAdapter> all() {
        return OpenAiPresets.all().stream().map(OpenAiAdapter::new).toList();
    }

    @Override
    public String id() {
        return preset.id();
    }

    /** The provider type's differences from OpenAI. */
    public OpenAiPreset preset() {
        return preset;
    }

    @Override
    public Optional<ChatCompletions> chatCompletions() {
        return Optional.of(chat);
    }

    @Override
    public Optional<Embeddings> embeddings() {
        return Optional.ofNullable(embeddings);
    }

    /** OpenAI's Responses API, passed through, on the provider types whose preset says they serve it. */
    @Override
    public Optional<Responses> responses() {
        return Optional.ofNullable(responses);
    }

    /** OpenAI's Images API, on {@code openai} and {@code azure_openai}. */
    @Override
    public Optional<ImageGeneration> imageGeneration() {
        return Optional.ofNullable(images);
    }

    /** {@code /audio/speech}, on {@code openai} and {@code azure_openai}. */
    @Override
    public Optional<Speech> speech() {
        return Optional.ofNullable(speech);
    }

    /** {@code /audio/transcriptions} and {@code /audio/translations}, on {@code openai} and {@code azure_openai}. */
    @Override
    public Optional<Transcription> transcription() {
        return Optional.ofNullable(transcription);
    }

    /** OpenAI's Videos API, on {@code openai} only. */
    @Override
    public Optional<VideoJobs> videoJobs() {
        return Optional.ofNullable(videos);
    }

    @Override
    public ProviderErrorMapper errorMapper() {
        return errors;
    }

    /**
     * OpenAI's own models (on OpenAI, and on Azure, whose deployments are usually named after their
     * model) are known; models of other providers are not.
     */
    @Override
    public ModelCapabilities modelCapabilities(String providerModel) {
        boolean servesOpenAiModels = preset.id().equals(OPENAI) || preset.routes() == Routes.AZURE_DEPLOYMENTS;
        return servesOpenAiModels ? OpenAiModels.of(providerModel) : ModelCapabilities.UNKNOWN;
    }
}
