package io.conduit.provider.cohere;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import java.util.Optional;

/**
 * Cohere's v2 API (provider type {@code cohere}, default base URL {@code https://api.cohere.com/v2}):
 * chat completions, plain and streamed, translated to and from {@code POST /chat}, and embeddings
 * over {@code POST /embed}. The credential is a Cohere API key, sent as a bearer token.
 */
public final class CohereAdapter implements ProviderAdapter {

    public static final String ID = "cohere";

    private final ChatCompletions chat = new CohereChatCompletions();
    private final Embeddings embeddings = new CohereEmbeddings();
    private final ProviderErrorMapper errors = new CohereErrorMapper();

    private CohereAdapter() {}

    public static CohereAdapter create() {
        return new CohereAdapter();
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
    public Optional<Embeddings> embeddings() {
        return Optional.of(embeddings);
    }

    @Override
    public ProviderErrorMapper errorMapper() {
        return errors;
    }

    @Override
    public ModelCapabilities modelCapabilities(String providerModel) {
        return CohereModels.of(providerModel);
    }
}
