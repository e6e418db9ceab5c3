package io.conduit.bench.jmh;

import io.conduit.provider.anthropic.AnthropicAdapter;
import io.conduit.provider.bedrock.BedrockAdapter;
import io.conduit.provider.cohere.CohereAdapter;
import io.conduit.provider.gemini.GeminiAdapter;
import io.conduit.provider.openai.OpenAiAdapter;
import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The adapters benchmarked, each with the endpoint a production configuration would give it (its
 * documented default base URL, a credential of the right shape) and a model it knows.
 */
public enum Provider {

    OPENAI(OpenAiAdapter::openAi, "https://api.openai.com/v1", "sk-bench-0000000000000000000000000000",
            "gpt-4o-mini", Framing.SSE),
    ANTHROPIC(AnthropicAdapter::create, "https://api.anthropic.com/v1", "sk-ant-bench-000000000000000000000000",
            "claude-sonnet-4-5", Framing.SSE),
    GEMINI(GeminiAdapter::aiStudio, "https://generativelanguage.googleapis.com/v1beta",
            "AIzaBench000000000000000000000000000000", "gemini-2.5-flash", Framing.SSE),
    /** Signed with SigV4 (an access key pair), as most Bedrock deployments are. */
    BEDROCK(BedrockAdapter::create, "https://bedrock-runtime.us-east-1.amazonaws.com",
            "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0", Framing.EVENT_STREAM),
    COHERE(CohereAdapter::create, "https://api.cohere.com/v2", "bench-cohere-key-000000000000",
            "command-a-03-2025", Framing.SSE);

    /** How the provider frames a streamed answer. */
    public enum Framing { SSE, EVENT_STREAM }

    private final Supplier<ProviderAdapter> adapter;
    private final String baseUrl;
    private final String apiKey;
    private final String model;
    private final Framing framing;

    Provider(Supplier<ProviderAdapter> adapter, String baseUrl, String apiKey, String model, Framing framing) {
        this.adapter = adapter;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.model = model;
        this.framing = framing;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ProviderAdapter adapter() {
        return adapter.get();
    }

    public ChatCompletions chat() {
        ProviderAdapter a = adapter();
        return a.chatCompletions().orElseThrow(() -> new IllegalStateException(a.id() + " has no chat"));
    }

    public ProviderEndpoint endpoint() {
        return endpoint(URI.create(baseUrl), apiKey);
    }

    public ProviderEndpoint endpoint(URI base, String key) {
        ProviderAdapter a = adapter();
        return new ProviderEndpoint("p-" + id(), id() + "-bench", a.id(), base, key);
    }

    public String model() {
        return model;
    }

    public Framing framing() {
        return framing;
    }

    /** Resource with the provider's plain answer body. */
    public String responseResource() {
        return id() + "/response.json";
    }

    /** Resource with the provider's whole streamed body, as sent on the wire. */
    public String streamResource() {
        return id() + (framing == Framing.SSE ? "/stream.sse" : "/stream.eventstream");
    }
}
