package io.conduit.provider.bedrock;

import static io.conduit.provider.spi.ModelFeature.JSON_SCHEMA;
import static io.conduit.provider.spi.ModelFeature.REASONING;
import static io.conduit.provider.spi.ModelFeature.TOOLS;
import static io.conduit.provider.spi.ModelFeature.VISION;
import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BedrockModelsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "anthropic.claude-3-haiku-20240307-v1:0, anthropic.claude-3-haiku-20240307-v1:0",
        "us.anthropic.claude-3-7-sonnet-20250219-v1:0, anthropic.claude-3-7-sonnet-20250219-v1:0",
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0, anthropic.claude-sonnet-4-5-20250929-v1:0",
        "apac.amazon.nova-lite-v1:0, amazon.nova-lite-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.meta.llama3-2-11b-instruct-v1:0, meta.llama3-2-11b-instruct-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model/mistral.mistral-large-2407-v1:0, mistral.mistral-large-2407-v1:0",
    })
    void region_prefixes_and_arns_reduce_to_the_base_model(String id, String base) {
        assertThat(BedrockModels.baseModelId(id)).isEqualTo(base);
    }

    @Test
    void common_models_have_their_features_and_limits() {
        assertCapabilities("us.anthropic.claude-3-7-sonnet-20250219-v1:0", 200_000, 64_000, VISION, TOOLS, REASONING);
        assertCapabilities("anthropic.claude-3-5-haiku-20241022-v1:0", 200_000, 8_192, TOOLS);
        assertCapabilities("global.anthropic.claude-haiku-4-5-20251001-v1:0", 200_000, 64_000, VISION, TOOLS, REASONING, JSON_SCHEMA);
        assertCapabilities("us.anthropic.claude-opus-4-1-20250805-v1:0", 200_000, 32_000, VISION, TOOLS, REASONING);
        assertCapabilities("amazon.nova-micro-v1:0", 128_000, 10_000, TOOLS);
        assertCapabilities("us.amazon.nova-premier-v1:0", 1_000_000, 32_000, VISION, TOOLS);
        assertCapabilities("meta.llama3-1-70b-instruct-v1:0", 128_000, 8_192, TOOLS);
        assertCapabilities("us.meta.llama3-2-90b-instruct-v1:0", 128_000, 8_192, VISION, TOOLS);
        assertCapabilities("mistral.mixtral-8x7b-instruct-v0:1", 32_000, 4_096);
        assertCapabilities("mistral.pixtral-large-2502-v1:0", 128_000, 8_192, VISION, TOOLS);
        assertThat(BedrockModels.capabilities("cohere.command-r-plus-v1:0")).isEqualTo(ModelCapabilities.UNKNOWN);
    }

    @Test
    void only_claude_models_are_claude() {
        assertThat(BedrockModels.isClaude("eu.anthropic.claude-sonnet-4-20250514-v1:0")).isTrue();
        assertThat(BedrockModels.isClaude("amazon.nova-pro-v1:0")).isFalse();
    }

    private static void assertCapabilities(String id, int context, int output, ModelFeature... features) {
        ModelCapabilities capabilities = BedrockModels.capabilities(id);
        assertThat(capabilities.contextWindow()).as(id).isEqualTo(context);
        assertThat(capabilities.maxOutputTokens()).as(id).isEqualTo(output);
        assertThat(capabilities.features()).as(id).isEqualTo(Set.of(features));
    }
}
