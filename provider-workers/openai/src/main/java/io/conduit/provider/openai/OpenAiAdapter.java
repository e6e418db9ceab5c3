package io.conduit.provider.openai;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import java.util.Optional;

/**
 * OpenAI and OpenAI-compatible APIs ({@code openai}, {@code openai_compatible}): chat completions
 * (plain and streamed) and embeddings, passed through with the model rewritten.
 */
public final class OpenAiAdapter implements ProviderAdapter {

    public static final String OPENAI = "openai";
    public static final String OPENAI_COMPATIBLE = "openai_compatible";

    private final String id;
    private final ChatCompletions chat = new OpenAiChatCompletions();
    private final Embeddings embeddings = new OpenAiEmbeddings();
    private final ProviderErrorMapper errors = new OpenAiErrorMapper();

    private OpenAiAdapter(String id) {
        this.id = id;
    }

    public static OpenAiAdapter openAi() {
        return new OpenAiAdapter(OPENAI);
    }

    public static OpenAiAdapter openAiCompatible() {
        return new OpenAiAdapter(OPENAI_COMPATIBLE);
    }

    @Override
    public String id() {
        return id;
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
}
