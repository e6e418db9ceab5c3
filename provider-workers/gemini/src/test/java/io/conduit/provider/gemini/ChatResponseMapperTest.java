package io.conduit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class ChatResponseMapperTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_750_000_000), ZoneOffset.UTC);
    private final ChatResponseMapper mapper = new ChatResponseMapper(CLOCK, new GeminiErrorMapper());
    private final GeminiChatCompletions chat = new GeminiChatCompletions(new AiStudioApi(), CLOCK, new GeminiErrorMapper());

    private JsonNode mapped(String gemini) {
        return GeminiJson.MAPPER.readTree(mapper.body(gemini.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void text_answer_is_a_chat_completion_and_thoughts_are_reasoning_not_content() {
        JsonNode answer = mapped("""
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Let me think.","thought":true},
                  {"text":"Hello"},{"text":" world"}]},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":2,"thoughtsTokenCount":5,"totalTokenCount":17},
                 "modelVersion":"gemini-2.5-flash","responseId":"abc123"}""");

        assertThat(answer.toString()).isEqualTo("{\"id\":\"chatcmpl-abc123\",\"object\":\"chat.completion\","
                + "\"created\":1750000000,\"model\":\"gemini-2.5-flash\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Hello world\",\"reasoning_content\":\"Let me think.\"},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":7,"
                + "\"total_tokens\":17,\"prompt_tokens_details\":{\"cached_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":5}}}");
    }

    @Test
    void function_calls_are_tool_calls_with_the_parts_id_or_a_positional_one() {
        JsonNode message = mapped("""
                {"candidates":[{"content":{"role":"model","parts":[
                  {"functionCall":{"name":"get_weather","args":{"city":"Paris","days": 2}},"thoughtSignature":"c2ln"},
                  {"functionCall":{"id":"fc-7","name":"get_time","args":{}}},
                  {"functionCall":{"name":"noop"}}]},"finishReason":"STOP"}]}""")
                .path("choices").path(0);

        assertThat(message.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(message.path("message").path("content").isNull()).isTrue();
        assertThat(message.path("message").path("tool_calls").toString()).isEqualTo("["
                + "{\"id\":\"call_0\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\",\\\"days\\\":2}\"},"
                + "\"extra_content\":{\"google\":{\"thought_signature\":\"c2ln\"}}},"
                + "{\"id\":\"fc-7\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"{}\"}},"
                + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"noop\",\"arguments\":\"{}\"}}]");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "STOP, stop", "MAX_TOKENS, length", "SAFETY, content_filter", "RECITATION, content_filter",
        "BLOCKLIST, content_filter", "PROHIBITED_CONTENT, content_filter", "SPII, content_filter",
        "IMAGE_SAFETY, content_filter", "MALFORMED_FUNCTION_CALL, stop", "OTHER, stop", "LANGUAGE, stop",
    })
    void finish_reasons_map_to_openai(String gemini, String openAi) {
        JsonNode answer = mapped("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\""
                + gemini + "\"}]}");

        assertThat(answer.path("choices").path(0).path("finish_reason").asString()).isEqualTo(openAi);
    }

    @Test
    void a_blocked_prompt_is_an_empty_content_filtered_answer() {
        String body = """
                {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT","safetyRatings":[]},
                 "usageMetadata":{"promptTokenCount":12,"totalTokenCount":12},"modelVersion":"gemini-2.5-pro"}""";
        JsonNode answer = mapped(body);

        assertThat(answer.path("choices").path(0).path("message").path("content").asString()).isEmpty();
        assertThat(answer.path("choices").path(0).path("finish_reason").asString()).isEqualTo("content_filter");
        assertThat(chat.usage(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(new TokenUsage(12, 0, 0, 0, false));
    }

    @Test
    void usage_adds_tool_use_prompt_tokens_and_thoughts() {
        byte[] body = """
                {"candidates":[],"usageMetadata":{"promptTokenCount":1000,"toolUsePromptTokenCount":50,
                 "cachedContentTokenCount":600,"candidatesTokenCount":100,"thoughtsTokenCount":200,"totalTokenCount":1350}}"""
                .getBytes(StandardCharsets.UTF_8);

        assertThat(chat.usage(body)).isEqualTo(new TokenUsage(1050, 300, 600, 200, false));
        assertThat(chat.usage("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(TokenUsage.NONE);
        assertThat(chat.usage("<html>".getBytes(StandardCharsets.UTF_8))).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void an_error_in_a_200_body_is_thrown_as_the_provider_error() {
        assertThatThrownBy(() -> mapper.body("{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.OVERLOADED);
                    assertThat(e.error().message()).isEqualTo("The model is overloaded.");
                });
    }
}
