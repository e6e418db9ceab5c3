package io.conduit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.contracts.providers.ProviderFamily;
import io.conduit.provider.openai.OpenAiPreset.MaxTokens;
import io.conduit.provider.openai.OpenAiPreset.StreamUsage;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The preset table: one adapter per provider type, its default base URL, credential header and quirks. */
class OpenAiPresetsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FULL_REQUEST = """
            {"model":"alias","messages":[{"role":"user","content":"hi"}],"stream":true,"max_completion_tokens":50,
             "tool_choice":"required","seed":1,"user":"u","logprobs":false,"logit_bias":{},"frequency_penalty":0.1,
             "parallel_tool_calls":true,"service_tier":"auto"}""";

    private static UpstreamRequest request(String id, String key) throws Exception {
        OpenAiAdapter adapter = OpenAiAdapter.forFamily(id);
        String base = adapter.preset().defaultBaseUrl().orElse("http://127.0.0.1:9/v1");
        ProviderEndpoint endpoint = new ProviderEndpoint("p", id, id, URI.create(base), key);
        InboundCall call = new InboundCall(JsonObjectScan.parse(FULL_REQUEST.getBytes(StandardCharsets.UTF_8)), "m", true, false);
        return adapter.chatCompletions().orElseThrow().request(endpoint, call);
    }

    private static JsonNode body(UpstreamRequest request) {
        return JSON.readTree(request.body());
    }

    @Test
    void every_openai_compatible_family_has_exactly_one_adapter() {
        List<String> ids = OpenAiAdapter.all().stream().map(OpenAiAdapter::id).toList();

        assertThat(ids).containsExactly("openai", "openai_compatible", "azure_openai", "groq", "mistral", "deepseek",
                "xai", "together", "fireworks", "openrouter", "cerebras", "deepinfra", "sambanova", "perplexity",
                "ollama", "vllm", "lmstudio");
        assertThat(ids).allSatisfy(id -> assertThat(ProviderFamily.fromId(id)).isPresent());
        assertThat(OpenAiAdapter.openAi().id()).isEqualTo("openai");
        assertThat(OpenAiAdapter.openAiCompatible().id()).isEqualTo("openai_compatible");
        assertThat(OpenAiAdapter.azure().id()).isEqualTo("azure_openai");
        assertThatThrownBy(() -> OpenAiAdapter.forFamily("anthropic")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // id, default base URL ('' = none), chat URL with that base
        "openai,            https://api.openai.com/v1,                   https://api.openai.com/v1/chat/completions",
        "openai_compatible, '',                                          http://127.0.0.1:9/v1/chat/completions",
        "groq,              https://api.groq.com/openai/v1,              https://api.groq.com/openai/v1/chat/completions",
        "mistral,           https://api.mistral.ai/v1,                   https://api.mistral.ai/v1/chat/completions",
        "deepseek,          https://api.deepseek.com/v1,                 https://api.deepseek.com/v1/chat/completions",
        "xai,               https://api.x.ai/v1,                         https://api.x.ai/v1/chat/completions",
        "together,          https://api.together.xyz/v1,                 https://api.together.xyz/v1/chat/completions",
        "fireworks,         https://api.fireworks.ai/inference/v1,       https://api.fireworks.ai/inference/v1/chat/completions",
        "openrouter,        https://openrouter.ai/api/v1,                https://openrouter.ai/api/v1/chat/completions",
        "cerebras,          https://api.cerebras.ai/v1,                  https://api.cerebras.ai/v1/chat/completions",
        "deepinfra,         https://api.deepinfra.com/v1/openai,         https://api.deepinfra.com/v1/openai/chat/completions",
        "sambanova,         https://api.sambanova.ai/v1,                 https://api.sambanova.ai/v1/chat/completions",
        "perplexity,        https://api.perplexity.ai,                   https://api.perplexity.ai/chat/completions",
        "ollama,            http://localhost:11434/v1,                   http://localhost:11434/v1/chat/completions",
        "vllm,              http://localhost:8000/v1,                    http://localhost:8000/v1/chat/completions",
        "lmstudio,          http://localhost:1234/v1,                    http://localhost:1234/v1/chat/completions",
    })
    void base_url_defaults_come_from_the_family_catalog(String id, String defaultBase, String chatUrl) throws Exception {
        OpenAiPreset preset = OpenAiAdapter.forFamily(id).preset();

        assertThat(preset.defaultBaseUrl().orElse("")).isEqualTo(defaultBase);
        assertThat(request(id, "k").uri()).isEqualTo(URI.create(chatUrl));
    }

    @ParameterizedTest(name = "{0} key ''{1}''")
    @CsvSource({
        "openai,     sk-1,  authorization, Bearer sk-1",
        "groq,       gsk-1, authorization, Bearer gsk-1",
        "openrouter, or-1,  authorization, Bearer or-1",
        "ollama,     '',    ,",
        "vllm,       '',    ,",
        "lmstudio,   '',    ,",
        "vllm,       tok,   authorization, Bearer tok",
    })
    void bearer_credentials_and_optional_keys_of_local_servers(String id, String key, String header, String value)
            throws Exception {
        UpstreamRequest request = request(id, key);

        if (header == null) {
            assertThat(request.headers()).doesNotContainKeys("authorization", "api-key");
            assertThat(OpenAiAdapter.forFamily(id).preset().apiKeyOptional()).isTrue();
        } else {
            assertThat(request.headers()).containsEntry(header, value);
        }
        assertThat(request.toString()).doesNotContain(key.isEmpty() ? "\u0000" : key);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // id, stream_options sent, max tokens field, tool_choice sent, fields dropped (| separated)
        "openai,     true,  max_completion_tokens, required, ''",
        "groq,       true,  max_completion_tokens, required, logprobs|logit_bias",
        "mistral,    false, max_tokens,            any,      user|seed|logprobs|logit_bias|service_tier|stream_options",
        "deepseek,   true,  max_tokens,            required, ''",
        "cerebras,   true,  max_completion_tokens, required, frequency_penalty|logit_bias|parallel_tool_calls|service_tier",
        "perplexity, false, max_tokens,            required, stream_options",
        "ollama,     true,  max_tokens,            required, ''",
        "vllm,       true,  max_completion_tokens, required, ''",
    })
    void request_quirks(String id, boolean streamOptions, String maxField, String toolChoice, String dropped)
            throws Exception {
        JsonNode sent = body(request(id, "k"));

        assertThat(sent.path("model").asString()).isEqualTo("m");
        assertThat(sent.path("stream_options").path("include_usage").asBoolean(false)).isEqualTo(streamOptions);
        assertThat(sent.path(maxField).asInt()).isEqualTo(50);
        assertThat(sent.has(maxField.equals("max_tokens") ? "max_completion_tokens" : "max_tokens")).isFalse();
        assertThat(sent.path("tool_choice").asString()).isEqualTo(toolChoice);
        for (String field : dropped.isEmpty() ? new String[0] : dropped.split("\\|")) {
            assertThat(sent.has(field)).as(id + " must not send " + field).isFalse();
        }
        assertThat(sent.path("messages").path(0).path("content").asString()).isEqualTo("hi");
    }

    @Test
    void mistral_gets_random_seed_and_keeps_what_its_schema_knows() throws Exception {
        JsonNode sent = body(request("mistral", "k"));

        assertThat(sent.path("random_seed").asInt()).isEqualTo(1);
        assertThat(sent.path("parallel_tool_calls").asBoolean()).isTrue();
        assertThat(sent.path("frequency_penalty").asDouble()).isEqualTo(0.1);
        assertThat(OpenAiAdapter.forFamily("mistral").preset().streamUsage()).isEqualTo(StreamUsage.REPORTED_WITHOUT_OPTION);
    }

    @Test
    void openrouter_attribution_headers_come_from_settings() {
        OpenAiAdapter adapter = OpenAiAdapter.forFamily("openrouter");
        ProviderEndpoint endpoint = new ProviderEndpoint("p", "or", "openrouter", URI.create("https://openrouter.ai/api/v1"),
                "or-key", Map.of("http_referer", "https://app.example", "x_title", "Example App"));

        UpstreamRequest request = adapter.chatCompletions().orElseThrow().request(endpoint,
                AdapterCalls.call("{\"model\":\"a\",\"messages\":[]}", false, false));

        assertThat(request.headers()).containsEntry("HTTP-Referer", "https://app.example")
                .containsEntry("X-Title", "Example App");
        assertThat(OpenAiAdapter.forFamily("groq").chatCompletions().orElseThrow().request(endpoint,
                AdapterCalls.call("{\"model\":\"a\"}", false, false)).headers()).doesNotContainKey("HTTP-Referer");
    }

    @Test
    void embeddings_only_where_the_provider_serves_them() {
        assertThat(OpenAiAdapter.all()).filteredOn(a -> a.embeddings().isEmpty()).extracting(OpenAiAdapter::id)
                .containsExactlyInAnyOrder("groq", "deepseek", "xai", "openrouter", "cerebras", "perplexity");
        assertThat(OpenAiAdapter.forFamily("deepseek").preset().maxTokens()).isEqualTo(MaxTokens.MAX_TOKENS_ONLY);
    }
}
