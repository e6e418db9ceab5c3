package io.conduit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.anthropic.ClaudeModel.Thinking;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import org.junit.jupiter.api.Test;

class ClaudeModelsTest {

    private final AnthropicAdapter adapter = AnthropicAdapter.create();

    @Test
    void dated_ids_and_aliases_find_their_model() {
        assertThat(adapter.modelCapabilities("claude-sonnet-4-5-20250929"))
                .isEqualTo(adapter.modelCapabilities("claude-sonnet-4-5"));
        assertThat(adapter.modelCapabilities("claude-opus-4-1-20250805").maxOutputTokens()).isEqualTo(32_000);
        assertThat(adapter.modelCapabilities("claude-opus-4-20250514").maxOutputTokens()).isEqualTo(32_000);
        assertThat(adapter.modelCapabilities("claude-opus-4-5-20251101").maxOutputTokens()).isEqualTo(64_000);
        assertThat(adapter.modelCapabilities("claude-3-7-sonnet-latest").maxOutputTokens()).isEqualTo(64_000);
        assertThat(adapter.modelCapabilities("claude-3-5-haiku-20241022").maxOutputTokens()).isEqualTo(8_192);
        assertThat(ClaudeModels.find("claude-opus-4-7").thinking()).isEqualTo(Thinking.ADAPTIVE);
        assertThat(ClaudeModels.find("claude-sonnet-4-20250514").thinking()).isEqualTo(Thinking.BUDGET);
    }

    @Test
    void capabilities_say_what_each_generation_has() {
        ModelCapabilities opus47 = adapter.modelCapabilities("claude-opus-4-7");
        assertThat(opus47.features()).containsExactlyInAnyOrder(ModelFeature.VISION, ModelFeature.TOOLS,
                ModelFeature.JSON_SCHEMA, ModelFeature.REASONING);
        assertThat(opus47.contextWindow()).isEqualTo(1_000_000);
        assertThat(opus47.maxOutputTokens()).isEqualTo(128_000);

        ModelCapabilities haiku45 = adapter.modelCapabilities("claude-haiku-4-5-20251001");
        assertThat(haiku45.supports(ModelFeature.REASONING)).isTrue();
        assertThat(haiku45.contextWindow()).isEqualTo(200_000);

        ModelCapabilities sonnet35 = adapter.modelCapabilities("claude-3-5-sonnet-20241022");
        assertThat(sonnet35.supports(ModelFeature.REASONING)).isFalse();
        assertThat(sonnet35.supports(ModelFeature.VISION)).isTrue();
        assertThat(adapter.modelCapabilities("claude-3-5-haiku-latest").supports(ModelFeature.VISION)).isFalse();
    }

    @Test
    void unknown_models_have_unknown_capabilities() {
        assertThat(adapter.modelCapabilities("my-proxy-model")).isEqualTo(ModelCapabilities.UNKNOWN);
        assertThat(adapter.modelCapabilities("claude-opus-45")).as("a version part must end where the prefix ends")
                .isEqualTo(ModelCapabilities.UNKNOWN);
        assertThat(adapter.modelCapabilities(null)).isEqualTo(ModelCapabilities.UNKNOWN);
        assertThat(adapter.id()).isEqualTo("anthropic");
        assertThat(adapter.embeddings()).isEmpty();
    }
}
