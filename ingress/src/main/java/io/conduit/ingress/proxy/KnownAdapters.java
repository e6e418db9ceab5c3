package io.conduit.ingress.proxy;

import io.conduit.provider.anthropic.AnthropicAdapter;
import io.conduit.provider.bedrock.BedrockAdapter;
import io.conduit.provider.cohere.CohereAdapter;
import io.conduit.provider.elevenlabs.ElevenLabsAdapter;
import io.conduit.provider.gemini.GeminiAdapter;
import io.conduit.provider.minimax.MiniMaxAdapter;
import io.conduit.provider.openai.OpenAiAdapter;
import io.conduit.provider.replicate.ReplicateAdapter;
import io.conduit.provider.runway.RunwayAdapter;
import io.conduit.provider.spi.ProviderAdapter;
import java.util.ArrayList;
import java.util.List;

/** Every provider family ingress can call: one adapter per provider type of {@code ProviderFamily}. */
public final class KnownAdapters {

    private KnownAdapters() {}

    public static ProviderAdapters all() {
        List<ProviderAdapter> adapters = new ArrayList<>(OpenAiAdapter.all());
        adapters.add(AnthropicAdapter.create());
        adapters.add(GeminiAdapter.aiStudio());
        adapters.add(GeminiAdapter.vertexAi());
        adapters.add(BedrockAdapter.create());
        adapters.add(CohereAdapter.create());
        adapters.add(MiniMaxAdapter.create());
        adapters.add(RunwayAdapter.create());
        adapters.add(ReplicateAdapter.create());
        adapters.add(ElevenLabsAdapter.create());
        return new ProviderAdapters(adapters);
    }
}
