package io.conduit.server.support;

import io.conduit.provider.anthropic.FakeAnthropic;
import io.conduit.provider.bedrock.FakeBedrock;
import io.conduit.provider.cohere.FakeCohere;
import io.conduit.provider.gemini.FakeGemini;
import io.conduit.provider.gemini.TestServiceAccount;
import io.conduit.provider.minimax.FakeMiniMax;
import io.conduit.provider.openai.fake.FakeFlavor;
import io.conduit.provider.openai.fake.FakeOpenAiChat;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import java.time.Clock;
import java.util.Map;

/**
 * A provider family as an operator configures it, served by that family's fake upstream (from the
 * adapter modules' test-jars): the provider type, a chat model and, where the family has them, an
 * embedding model; the credential and settings the fake checks.
 */
public enum FamilyFake {
    OPENAI("openai", "gpt-4o-mini", "text-embedding-3-small"),
    AZURE_OPENAI("azure_openai", "gpt-4o-prod", "embeddings-prod"),
    DEEPSEEK("deepseek", "deepseek-chat", null),
    MISTRAL("mistral", "mistral-small-latest", "mistral-embed"),
    ANTHROPIC("anthropic", "claude-sonnet-4-20250514", null),
    GEMINI("gemini", "gemini-2.5-flash", "gemini-embedding-001"),
    VERTEX_AI("vertex_ai", "gemini-2.5-flash", "text-embedding-005"),
    BEDROCK("bedrock", "anthropic.claude-3-haiku-20240307-v1:0", null),
    COHERE("cohere", "command-a-03-2025", "embed-v4.0"),
    MINIMAX("minimax", "MiniMax-M2", null);

    /** Bedrock signs for a region that cannot be read from the fake's host name: it must come from the settings. */
    private static final String BEDROCK_REGION = "eu-west-3";

    private final String type;
    private final String chatModel;
    private final String embeddingModel;

    FamilyFake(String type, String chatModel, String embeddingModel) {
        this.type = type;
        this.chatModel = chatModel;
        this.embeddingModel = embeddingModel;
    }

    /** The provider type in the admin API. */
    public String type() {
        return type;
    }

    public String chatModel() {
        return chatModel;
    }

    public boolean hasEmbeddings() {
        return embeddingModel != null;
    }

    public String embeddingModel() {
        return embeddingModel;
    }

    /** Starts the family's fake and registers it with the gateway as a new provider. */
    public Upstream start(AdminApi admin) {
        String apiKey = "sk-" + name().toLowerCase().replace('_', '-') + "-it-0123456789abcdef";
        return switch (this) {
            case OPENAI -> register(admin, FakeOpenAiChat.openAi(apiKey), apiKey, Map.of());
            case AZURE_OPENAI -> register(admin, new FakeOpenAiChat(FakeFlavor.azure(), apiKey).start(), apiKey,
                    Map.of("api_version", "2024-10-21"));
            case DEEPSEEK -> register(admin, new FakeOpenAiChat(FakeFlavor.deepSeek(), apiKey).start(), apiKey, Map.of());
            case MISTRAL -> register(admin, new FakeOpenAiChat(FakeFlavor.mistral(), apiKey).start(), apiKey, Map.of());
            case ANTHROPIC -> register(admin, new FakeAnthropic(apiKey).start(), apiKey, Map.of());
            case GEMINI -> register(admin, FakeGemini.aiStudio(apiKey).start(), apiKey, Map.of());
            case VERTEX_AI -> {
                TestServiceAccount account = TestServiceAccount.generate("conduit-it-project");
                yield register(admin, FakeGemini.vertex(account).start(), account.json(),
                        Map.of("location", "europe-west4"));
            }
            case BEDROCK -> register(admin, new FakeBedrock(BEDROCK_REGION, Clock.systemUTC()).start(),
                    FakeBedrock.accessKeyCredential(), Map.of("region", BEDROCK_REGION));
            case COHERE -> register(admin, new FakeCohere(apiKey).start(), apiKey, Map.of());
            case MINIMAX -> register(admin, new FakeMiniMax(apiKey).start(), apiKey, Map.of());
        };
    }

    private Upstream register(AdminApi admin, ChatProviderFake fake, String credential, Map<String, String> settings) {
        String provider = admin.provider(type, fake.baseUrl().toString(), credential, settings);
        return new Upstream(this, fake, provider, credential);
    }
}
