package io.conduit.provider.openai;

import static io.conduit.provider.openai.AdapterCalls.call;
import static io.conduit.provider.openai.AdapterCalls.text;
import static io.conduit.provider.openai.AdapterCalls.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.Responses;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Responses pass-through: which providers have it, the request sent, usage and the answer shown. */
class OpenAiResponsesTest {

    private final Responses responses = OpenAiAdapter.openAi().responses().orElseThrow();
    private final ProviderEndpoint endpoint =
            new ProviderEndpoint("p1", "main", "openai", URI.create("http://127.0.0.1:1/v1/"), "sk-test-key");

    private static InboundCall responsesCall(String json, boolean stream) {
        return call(json, "gpt-4.1-mini", stream, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "azure_openai", "xai"})
    void providers_documenting_the_responses_api_pass_it_through(String type) {
        assertThat(OpenAiAdapter.forFamily(type).responses()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai_compatible", "groq", "mistral", "deepseek", "together", "fireworks", "openrouter",
            "cerebras", "deepinfra", "sambanova", "perplexity", "ollama", "vllm", "lmstudio"})
    void other_providers_leave_responses_to_the_chat_translation(String type) {
        assertThat(OpenAiAdapter.forFamily(type).responses()).isEmpty();
        assertThat(OpenAiAdapter.forFamily(type).chatCompletions()).isPresent();
    }

    @Test
    void forwards_the_client_body_with_the_provider_model_and_store_off() {
        String client = "{\"model\":\"fast\",\"input\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"web_search\"}],\"include\":[\"reasoning.encrypted_content\"],\"temperature\":0.2}";

        UpstreamRequest request = responses.request(endpoint, responsesCall(client, false));

        assertThat(request.uri()).isEqualTo(URI.create("http://127.0.0.1:1/v1/responses"));
        assertThat(request.headers()).containsEntry("authorization", "Bearer sk-test-key")
                .containsEntry("accept", "application/json");
        assertThat(text(request.body())).isEqualTo("{\"model\":\"gpt-4.1-mini\",\"input\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"tools\":[{\"type\":\"web_search\"}],\"include\":[\"reasoning.encrypted_content\"],"
                + "\"temperature\":0.2,\"store\":false}");
    }

    @Test
    void a_stream_gets_no_stream_options_and_store_true_becomes_false() {
        UpstreamRequest request = responses.request(endpoint,
                responsesCall("{\"model\":\"fast\",\"input\":\"hi\",\"store\":true,\"stream\":true}", true));

        assertThat(text(request.body()))
                .isEqualTo("{\"model\":\"gpt-4.1-mini\",\"input\":\"hi\",\"store\":false,\"stream\":true}");
        assertThat(request.headers()).containsEntry("accept", "text/event-stream");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"previous_response_id\":\"resp_1\" | previous_response_id | previous_response_id is not supported: this gateway serves the Responses API statelessly; send the whole conversation in 'input'.",
        "\"conversation\":\"conv_1\"          | conversation         | Conversations are not supported: this gateway serves the Responses API statelessly; send the whole conversation in 'input'.",
        "\"background\":true                  | background           | Background responses are not supported by this gateway.",
    })
    void refuses_what_needs_stored_state(String member, String param, String message) {
        assertThatThrownBy(() -> responses.request(endpoint,
                responsesCall("{\"model\":\"fast\",\"input\":\"hi\"," + member + "}", false)))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
                    assertThat(e.upstreamStatus()).isEqualTo(400);
                    assertThat(e.error().param()).isEqualTo(param);
                    assertThat(e.error().message()).isEqualTo(message);
                });
    }

    @Test
    void accepts_the_stateless_defaults_sent_explicitly() {
        UpstreamRequest request = responses.request(endpoint, responsesCall("{\"model\":\"fast\",\"input\":\"hi\","
                + "\"previous_response_id\":null,\"conversation\":null,\"background\":false}", false));

        assertThat(text(request.body())).contains("\"previous_response_id\":null").endsWith(",\"store\":false}");
    }

    @Test
    void reads_the_usage_of_a_response() {
        byte[] body = utf8("{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"usage\":{"
                + "\"input_tokens\":120,\"input_tokens_details\":{\"cached_tokens\":64},\"output_tokens\":30,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":12},\"total_tokens\":150}}");

        assertThat(responses.usage(body)).isEqualTo(new TokenUsage(120, 30, 64, 12, false));
        assertThat(responses.usage(utf8("{\"usage\":null}"))).isEqualTo(TokenUsage.NONE);
        assertThat(responses.usage(utf8("not json"))).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void shows_the_client_model_and_keeps_everything_else() {
        InboundCall call = responsesCall("{\"model\":\"team-fast\",\"input\":\"hi\"}", false);
        String provider = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\","
                + "\"model\":\"gpt-4.1-mini-2025-04-14\",\"output\":[],\"usage\":null}";

        assertThat(text(responses.responseBody(utf8(provider), call)))
                .isEqualTo(provider.replace("gpt-4.1-mini-2025-04-14", "team-fast"));
        assertThat(text(responses.responseBody(utf8("not json"), call))).isEqualTo("not json");
    }

    @ParameterizedTest
    @CsvSource({
        "server_error,        SERVER_ERROR",
        "rate_limit_exceeded, RATE_LIMITED",
        "invalid_prompt,      BAD_REQUEST",
        "invalid_image_url,   BAD_REQUEST",
        "image_content_policy_violation, CONTENT_FILTERED",
        "vector_store_timeout, TIMEOUT",
    })
    void a_failed_response_in_a_200_is_a_provider_error(String code, Kind kind) {
        byte[] failed = utf8("{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"failed\",\"error\":{\"code\":\""
                + code + "\",\"message\":\"It failed.\"},\"usage\":null}");

        assertThatThrownBy(() -> responses.responseBody(failed, responsesCall("{\"model\":\"m\",\"input\":\"x\"}", false)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.error().code()).isEqualTo(code);
                    assertThat(e.error().message()).isEqualTo("It failed.");
                });
    }
}
