package io.conduit.contracts.providers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The provider types an operator can configure. Each has an adapter registered under the same
 * {@link #id()}; the OpenAI-compatible presets share one adapter with their own base URL and
 * quirks. A family without a default base URL needs one in its configuration. Media-only families
 * (Runway, Replicate, ElevenLabs) have no chat: they serve the async media jobs only.
 */
public enum ProviderFamily {
    OPENAI("openai", "https://api.openai.com/v1"),
    OPENAI_COMPATIBLE("openai_compatible", null),
    AZURE_OPENAI("azure_openai", null),
    ANTHROPIC("anthropic", "https://api.anthropic.com/v1"),
    GEMINI("gemini", "https://generativelanguage.googleapis.com/v1beta"),
    VERTEX_AI("vertex_ai", "https://aiplatform.googleapis.com/v1"),
    BEDROCK("bedrock", "https://bedrock-runtime.us-east-1.amazonaws.com"),
    COHERE("cohere", "https://api.cohere.com/v2"),
    MINIMAX("minimax", "https://api.minimax.io/v1"),
    RUNWAY("runway", "https://api.dev.runwayml.com/v1", true),
    REPLICATE("replicate", "https://api.replicate.com/v1", true),
    ELEVENLABS("elevenlabs", "https://api.elevenlabs.io/v1", true),
    GROQ("groq", "https://api.groq.com/openai/v1"),
    MISTRAL("mistral", "https://api.mistral.ai/v1"),
    DEEPSEEK("deepseek", "https://api.deepseek.com/v1"),
    XAI("xai", "https://api.x.ai/v1"),
    TOGETHER("together", "https://api.together.xyz/v1"),
    FIREWORKS("fireworks", "https://api.fireworks.ai/inference/v1"),
    OPENROUTER("openrouter", "https://openrouter.ai/api/v1"),
    CEREBRAS("cerebras", "https://api.cerebras.ai/v1"),
    DEEPINFRA("deepinfra", "https://api.deepinfra.com/v1/openai"),
    SAMBANOVA("sambanova", "https://api.sambanova.ai/v1"),
    PERPLEXITY("perplexity", "https://api.perplexity.ai"),
    OLLAMA("ollama", "http://localhost:11434/v1"),
    VLLM("vllm", "http://localhost:8000/v1"),
    LM_STUDIO("lmstudio", "http://localhost:1234/v1");

    private final String id;
    private final String defaultBaseUrl;
    private final boolean mediaOnly;

    ProviderFamily(String id, String defaultBaseUrl) {
        this(id, defaultBaseUrl, false);
    }

    ProviderFamily(String id, String defaultBaseUrl, boolean mediaOnly) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
        this.mediaOnly = mediaOnly;
    }

    public String id() {
        return id;
    }

    /** The provider's public API base URL, empty when each installation has its own. */
    public Optional<String> defaultBaseUrl() {
        return Optional.ofNullable(defaultBaseUrl);
    }

    /** Whether the family only makes media (images, speech, video) and serves no chat. */
    public boolean mediaOnly() {
        return mediaOnly;
    }

    public static Optional<ProviderFamily> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ProviderFamily::id).toList();
    }
}
