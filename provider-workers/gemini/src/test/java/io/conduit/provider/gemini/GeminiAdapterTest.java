package io.conduit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.Capability;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiAdapterTest {

    private static final String CHAT = "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    private static UpstreamRequest request(GeminiAdapter adapter, ProviderEndpoint endpoint, String model, boolean stream)
            throws Exception {
        InboundCall call = new InboundCall(JsonObjectScan.parse(CHAT.getBytes(StandardCharsets.UTF_8)), model, stream, false);
        return adapter.chatCompletions().orElseThrow().request(endpoint, call);
    }

    private static ProviderEndpoint vertex(String baseUrl, Map<String, String> settings) {
        return new ProviderEndpoint("p", "v", "vertex_ai", URI.create(baseUrl), "ya29.token", settings);
    }

    @Test
    void two_type_ids_with_chat_and_embeddings_and_media_on_the_gemini_api_only() {
        assertThat(GeminiAdapter.aiStudio().id()).isEqualTo("gemini");
        assertThat(GeminiAdapter.vertexAi().id()).isEqualTo("vertex_ai");
        assertThat(GeminiAdapter.aiStudio().capabilities()).containsExactlyInAnyOrder(
                Capability.CHAT_COMPLETIONS, Capability.CHAT_STREAMING, Capability.EMBEDDINGS,
                Capability.IMAGE_GENERATION, Capability.VIDEO_GENERATION);
        assertThat(GeminiAdapter.vertexAi().capabilities()).containsExactlyInAnyOrder(
                Capability.CHAT_COMPLETIONS, Capability.CHAT_STREAMING, Capability.EMBEDDINGS);
    }

    @Test
    void gemini_api_requests_carry_the_key_header_and_never_show_it() throws Exception {
        ProviderEndpoint endpoint = new ProviderEndpoint("p", "g", "gemini",
                URI.create("https://generativelanguage.googleapis.com/v1beta/"), "AIza-secret");

        UpstreamRequest plain = request(GeminiAdapter.aiStudio(), endpoint, "models/gemini-2.5-flash", false);
        UpstreamRequest streamed = request(GeminiAdapter.aiStudio(), endpoint, "gemini-2.5-flash", true);

        assertThat(plain.uri()).isEqualTo(URI.create(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"));
        assertThat(streamed.uri()).isEqualTo(URI.create(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"));
        assertThat(plain.headers()).containsEntry("x-goog-api-key", "AIza-secret").doesNotContainKey("authorization");
        assertThat(streamed.headers()).containsEntry("accept", "text/event-stream");
        assertThat(plain.toString()).doesNotContain("AIza-secret");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "https://aiplatform.googleapis.com/v1            | {}                          | gemini-2.5-pro | "
                + "https://aiplatform.googleapis.com/v1/projects/p1/locations/global/publishers/google/models/gemini-2.5-pro:generateContent",
        "https://us-central1-aiplatform.googleapis.com/v1 | {}                          | gemini-2.5-pro | "
                + "https://us-central1-aiplatform.googleapis.com/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent",
        "https://aiplatform.googleapis.com/v1            | {\"location\":\"europe-west4\"} | gemini-2.0-flash-001 | "
                + "https://europe-west4-aiplatform.googleapis.com/v1/projects/p1/locations/europe-west4/publishers/google/models/gemini-2.0-flash-001:generateContent",
        "https://aiplatform.googleapis.com/v1            | {}                          | projects/p2/locations/us-east1/endpoints/123 | "
                + "https://aiplatform.googleapis.com/v1/projects/p2/locations/us-east1/endpoints/123:generateContent",
        "https://aiplatform.googleapis.com/v1            | {}                          | publishers/google/models/gemini-3-pro-preview | "
                + "https://aiplatform.googleapis.com/v1/projects/p1/locations/global/publishers/google/models/gemini-3-pro-preview:generateContent",
    })
    void vertex_paths(String base, String settingsJson, String model, String uri) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("project", "p1"));
        GeminiJson.MAPPER.readTree(settingsJson).properties().forEach(e -> settings.put(e.getKey(), e.getValue().asString()));

        UpstreamRequest request = request(GeminiAdapter.vertexAi(), vertex(base, settings), model, false);

        assertThat(request.uri()).isEqualTo(URI.create(uri));
        assertThat(request.headers()).containsEntry("authorization", "Bearer ya29.token");
    }

    @Test
    void vertex_without_a_project_is_a_configuration_error() {
        assertThatThrownBy(() -> request(GeminiAdapter.vertexAi(), vertex("https://aiplatform.googleapis.com/v1", Map.of()),
                "gemini-2.5-pro", false))
                .isInstanceOfSatisfying(ProviderException.class, e ->
                        assertThat(e.error().message()).contains("'project'").doesNotContain("ya29"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "gemini-3-pro-preview,          1048576, 65536, true,  true",
        "gemini-3-flash-preview,        1048576, 65536, true,  true",
        "gemini-2.5-pro,                1048576, 65536, true,  true",
        "models/gemini-2.5-flash-lite,  1048576, 65536, true,  true",
        "publishers/google/models/gemini-2.5-flash, 1048576, 65536, true, true",
        "gemini-2.0-flash-001,          1048576, 8192,  true,  false",
        "gemini-2.5-flash-image,        32768,   32768, false, false",
        "gemini-embedding-001,          2048,    0,     false, false",
        "some-other-model,              0,       0,     false, false",
    })
    void model_capabilities(String model, int context, int maxOutput, boolean tools, boolean reasoning) {
        ModelCapabilities capabilities = GeminiAdapter.aiStudio().modelCapabilities(model);

        assertThat(capabilities.contextWindow()).isEqualTo(context);
        assertThat(capabilities.maxOutputTokens()).isEqualTo(maxOutput);
        assertThat(capabilities.supports(ModelFeature.TOOLS)).isEqualTo(tools);
        assertThat(capabilities.supports(ModelFeature.JSON_SCHEMA)).isEqualTo(tools);
        assertThat(capabilities.supports(ModelFeature.REASONING)).isEqualTo(reasoning);
    }
}
