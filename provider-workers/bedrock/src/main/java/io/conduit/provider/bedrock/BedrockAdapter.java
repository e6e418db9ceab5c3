package io.conduit.provider.bedrock;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import java.time.Clock;
import java.util.Optional;

/**
 * AWS Bedrock ({@code bedrock}): chat completions, plain and streamed, over the Converse API
 * ({@code POST /model/{modelId}/converse} and {@code /converse-stream}), signed with Signature
 * Version 4 from an access key in the provider's {@code api_key}, or sent with a Bedrock API key.
 * See {@code docs/providers/bedrock.md}.
 */
public final class BedrockAdapter implements ProviderAdapter {

    public static final String BEDROCK = "bedrock";

    private final ChatCompletions chat;
    private final ProviderErrorMapper errors = new BedrockErrorMapper();

    private BedrockAdapter(Clock clock) {
        this.chat = new BedrockChatCompletions(clock);
    }

    public static BedrockAdapter create() {
        return new BedrockAdapter(Clock.systemUTC());
    }

    /** With the clock that dates signatures and answers, for tests. */
    public static BedrockAdapter create(Clock clock) {
        return new BedrockAdapter(clock);
    }

    @Override
    public String id() {
        return BEDROCK;
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
        return BedrockModels.capabilities(providerModel);
    }
}
