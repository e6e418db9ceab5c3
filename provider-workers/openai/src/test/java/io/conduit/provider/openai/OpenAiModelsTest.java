package io.conduit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Capabilities of well-known OpenAI models. */
class OpenAiModelsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "gpt-4o,               128000,  16384,  VISION TOOLS JSON_SCHEMA",
        "gpt-4o-2024-08-06,    128000,  16384,  VISION TOOLS JSON_SCHEMA",
        "gpt-4o-mini,          128000,  16384,  VISION TOOLS JSON_SCHEMA",
        "gpt-4.1,              1047576, 32768,  VISION TOOLS JSON_SCHEMA",
        "gpt-4.1-nano,         1047576, 32768,  VISION TOOLS JSON_SCHEMA",
        "gpt-5,                400000,  128000, VISION TOOLS JSON_SCHEMA REASONING",
        "gpt-5-mini-2025-08-07,400000,  128000, VISION TOOLS JSON_SCHEMA REASONING",
        "gpt-5.1,              400000,  128000, VISION TOOLS JSON_SCHEMA REASONING",
        "gpt-5-chat-latest,    128000,  16384,  VISION",
        "o3,                   200000,  100000, VISION TOOLS JSON_SCHEMA REASONING",
        "o3-mini,              200000,  100000, TOOLS JSON_SCHEMA REASONING",
        "o4-mini,              200000,  100000, VISION TOOLS JSON_SCHEMA REASONING",
    })
    void known_models(String model, int context, int maxOutput, String features) {
        ModelCapabilities capabilities = OpenAiAdapter.openAi().modelCapabilities(model);

        assertThat(capabilities.contextWindow()).isEqualTo(context);
        assertThat(capabilities.maxOutputTokens()).isEqualTo(maxOutput);
        assertThat(capabilities.features()).containsExactlyInAnyOrderElementsOf(
                Set.of(features.split(" ")).stream().map(ModelFeature::valueOf).toList());
    }

    @Test
    void unknown_models_and_other_providers_are_unknown() {
        assertThat(OpenAiAdapter.openAi().modelCapabilities("my-finetune")).isEqualTo(ModelCapabilities.UNKNOWN);
        assertThat(OpenAiAdapter.openAi().modelCapabilities("gpt-50")).isEqualTo(ModelCapabilities.UNKNOWN);
        assertThat(OpenAiAdapter.forFamily("groq").modelCapabilities("gpt-4o")).isEqualTo(ModelCapabilities.UNKNOWN);
        assertThat(OpenAiAdapter.azure().modelCapabilities("gpt-4o").supports(ModelFeature.VISION)).isTrue();
    }

    @Test
    void openai_reasoning_models_get_max_completion_tokens() {
        var chat = OpenAiAdapter.openAi().chatCompletions().orElseThrow();
        var endpoint = new io.conduit.provider.spi.ProviderEndpoint("p", "o", "openai",
                java.net.URI.create("https://api.openai.com/v1"), "k");
        String body = "{\"model\":\"a\",\"messages\":[],\"max_tokens\":300}";

        assertThat(AdapterCalls.text(chat.request(endpoint, AdapterCalls.call(body, "o3", false, false)).body()))
                .isEqualTo("{\"model\":\"o3\",\"messages\":[],\"max_completion_tokens\":300}");
        assertThat(AdapterCalls.text(chat.request(endpoint, AdapterCalls.call(body, "gpt-4o", false, false)).body()))
                .isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[],\"max_tokens\":300}");
    }
}
