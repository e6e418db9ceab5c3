package io.conduit.provider.anthropic;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import java.time.Clock;
import java.util.Optional;

/**
 * Anthropic's Messages API (provider type {@code anthropic}): OpenAI chat completions, plain and
 * streamed, translated to and from Claude's wire format. Anthropic has no embeddings API. The
 * credential is an Anthropic API key, sent as {@code x-api-key}; see
 * {@code docs/providers/anthropic.md} for the settings and the mapping.
 */
public final class AnthropicAdapter implements ProviderAdapter {

    public static final String ID = "anthropic";

    private final ChatCompletions chat;
    private final ProviderErrorMapper errors = new AnthropicErrorMapper();

    private AnthropicAdapter(Clock clock) {
        this.chat = new AnthropicChatCompletions(clock);
    }

    public static AnthropicAdapter create() {
        return new AnthropicAdapter(Clock.systemUTC());
    }

    /** An adapter stamping answers ({@code created}) with the given clock. */
    static AnthropicAdapter create(Clock clock) {
        return new AnthropicAdapter(clock);
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
    public ProviderErrorMapper errorMapper() {
        return errors;
    }

    @Override
    public ModelCapabilities modelCapabilities(String providerModel) {
        return ClaudeModels.find(providerModel).capabilities();
    }
}
