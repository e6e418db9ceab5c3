package io.conduit.provider.openai;

import static io.conduit.provider.openai.AdapterCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.UpstreamRequest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Azure OpenAI's two URL styles and its api-key header. */
class UpstreamRoutesTest {

    private final OpenAiAdapter azure = OpenAiAdapter.azure();

    private UpstreamRequest chat(String base, Map<String, String> settings, String deployment) {
        ProviderEndpoint endpoint = new ProviderEndpoint("p", "az", "azure_openai", URI.create(base), "az-key", settings);
        return azure.chatCompletions().orElseThrow().request(endpoint,
                call("{\"model\":\"alias\",\"messages\":[]}", deployment, false, false));
    }

    @ParameterizedTest(name = "{0} api_version={1}")
    @CsvSource({
        "https://res.openai.azure.com,            '',                 https://res.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21",
        "https://res.openai.azure.com/,           2025-04-01-preview, https://res.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2025-04-01-preview",
        "https://res.openai.azure.com/openai,     '',                 https://res.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21",
        "https://res.openai.azure.com,            v1,                 https://res.openai.azure.com/openai/v1/chat/completions",
        "https://res.openai.azure.com,            preview,            https://res.openai.azure.com/openai/v1/chat/completions?api-version=preview",
        "https://res.openai.azure.com/openai/v1,  '',                 https://res.openai.azure.com/openai/v1/chat/completions",
        "https://res.openai.azure.com/openai/v1/, '',                 https://res.openai.azure.com/openai/v1/chat/completions",
        "https://res.cognitiveservices.azure.com, '',                 https://res.cognitiveservices.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21",
    })
    void azure_urls(String base, String apiVersion, String expected) {
        Map<String, String> settings = apiVersion == null ? Map.of() : Map.of("api_version", apiVersion);

        assertThat(chat(base, settings, "gpt-4o-prod").uri()).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest(name = "{0} api_version={1}")
    @CsvSource({
        "https://res.openai.azure.com,            '',                 https://res.openai.azure.com/openai/v1/responses",
        "https://res.openai.azure.com,            2024-10-21,         https://res.openai.azure.com/openai/v1/responses",
        "https://res.openai.azure.com/,           2025-04-01-preview, https://res.openai.azure.com/openai/responses?api-version=2025-04-01-preview",
        "https://res.openai.azure.com/openai,     2025-03-01-preview, https://res.openai.azure.com/openai/responses?api-version=2025-03-01-preview",
        "https://res.openai.azure.com,            v1,                 https://res.openai.azure.com/openai/v1/responses",
        "https://res.openai.azure.com,            preview,            https://res.openai.azure.com/openai/v1/responses?api-version=preview",
        "https://res.openai.azure.com/openai/v1/, '',                 https://res.openai.azure.com/openai/v1/responses",
    })
    void azure_responses_urls_carry_no_deployment(String base, String apiVersion, String expected) {
        ProviderEndpoint endpoint = new ProviderEndpoint("p", "az", "azure_openai", URI.create(base), "az-key",
                Map.of("api_version", apiVersion));

        UpstreamRequest request = azure.responses().orElseThrow().request(endpoint,
                call("{\"model\":\"alias\",\"input\":\"hi\"}", "gpt-4o-prod", false, false));

        assertThat(request.uri()).isEqualTo(URI.create(expected));
        assertThat(request.headers()).containsEntry("api-key", "az-key");
        assertThat(AdapterCalls.text(request.body())).isEqualTo("{\"model\":\"gpt-4o-prod\",\"input\":\"hi\",\"store\":false}");
    }

    @Test
    void azure_sends_the_key_as_api_key_and_the_deployment_as_model() {
        UpstreamRequest request = chat("https://res.openai.azure.com", Map.of(), "my deployment");

        assertThat(request.headers()).containsEntry("api-key", "az-key").doesNotContainKey("authorization");
        assertThat(request.uri().getRawPath()).isEqualTo("/openai/deployments/my%20deployment/chat/completions");
        assertThat(AdapterCalls.text(request.body())).contains("\"model\":\"my deployment\"");
        assertThat(request.toString()).doesNotContain("az-key");
    }

    @Test
    void azure_embeddings_use_the_deployment_url_too() {
        ProviderEndpoint endpoint = new ProviderEndpoint("p", "az", "azure_openai", URI.create("https://res.openai.azure.com"),
                "az-key");

        UpstreamRequest request = azure.embeddings().orElseThrow().request(endpoint,
                call("{\"model\":\"e\",\"input\":\"x\"}", "text-embedding-3-small", false, false));

        assertThat(request.uri()).isEqualTo(URI.create(
                "https://res.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21"));
    }
}
