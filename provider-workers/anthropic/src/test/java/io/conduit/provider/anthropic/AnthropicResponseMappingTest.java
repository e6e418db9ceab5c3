package io.conduit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.spi.ChatCompletions;
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

class AnthropicResponseMappingTest {

    private final ChatCompletions chat = AnthropicAdapter
            .create(Clock.fixed(Instant.ofEpochSecond(1_750_000_000), ZoneOffset.UTC)).chatCompletions().orElseThrow();

    private static byte[] message(String content, String stopReason, String usage) {
        return ("{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":" + content + ",\"stop_reason\":"
                + (stopReason == null ? "null" : "\"" + stopReason + "\"") + ",\"stop_sequence\":null,\"usage\":" + usage + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static final String USAGE = "{\"input_tokens\":10,\"cache_creation_input_tokens\":0,"
            + "\"cache_read_input_tokens\":0,\"output_tokens\":5,\"service_tier\":\"standard\"}";

    private JsonNode client(byte[] message) {
        return Jsons.read(chat.responseBody(message));
    }

    @Test
    void text_blocks_are_an_openai_chat_completion() {
        JsonNode out = client(message("[{\"type\":\"text\",\"text\":\"Hello\"},{\"type\":\"text\",\"text\":\", world.\"}]",
                "end_turn", USAGE));

        assertThat(out).isEqualTo(Jsons.read("""
                {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion","created":1750000000,
                 "model":"claude-sonnet-4-5-20250929",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello, world.","refusal":null},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,
                   "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}"""));
    }

    @Test
    void thinking_is_reasoning_content_never_content() {
        JsonNode message = client(message("""
                [{"type":"thinking","thinking":"Two plus two...","signature":"EqQBCgIYAhIM"},
                 {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"},
                 {"type":"text","text":"4"}]""", "end_turn", USAGE)).path("choices").path(0).path("message");

        assertThat(message.path("content").asString()).isEqualTo("4");
        assertThat(message.path("reasoning_content").asString()).isEqualTo("Two plus two...");
        assertThat(message.toString()).doesNotContain("EqQBCgIYAhIM").doesNotContain("EmwKAhgBEgy3va3pzix");
    }

    @Test
    void tool_use_blocks_are_tool_calls_with_compact_json_arguments() {
        JsonNode choice = client(message("""
                [{"type":"text","text":"Let me check."},
                 {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather",
                  "input":{"location": "San Francisco, CA", "unit": "celsius"}}]""", "tool_use", USAGE))
                .path("choices").path(0);

        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(choice.path("message").path("content").asString()).isEqualTo("Let me check.");
        assertThat(choice.path("message").path("tool_calls")).isEqualTo(Jsons.read("""
                [{"id":"toolu_01A09q90qw90lq917835lq9","type":"function","function":{"name":"get_weather",
                  "arguments":"{\\"location\\":\\"San Francisco, CA\\",\\"unit\\":\\"celsius\\"}"}}]"""));
        assertThat(client(message("[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]", "tool_use", USAGE))
                .path("choices").path(0).path("message").path("content").isNull()).isTrue();
    }

    @Test
    void the_json_output_tool_call_is_the_answer_text() {
        JsonNode choice = client(message("""
                [{"type":"tool_use","id":"toolu_1","name":"conduit_json_response","input":{"city": "Paris"}}]""",
                "tool_use", USAGE)).path("choices").path(0);

        assertThat(choice.path("message").path("content").asString()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(choice.path("message").has("tool_calls")).isFalse();
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "pause_turn, stop",
        "max_tokens, length",
        "model_context_window_exceeded, length",
        "refusal, content_filter",
        "tool_use, tool_calls",
    })
    void stop_reasons_are_finish_reasons(String stopReason, String finishReason) {
        String content = stopReason.equals("tool_use")
                ? "[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]" : "[{\"type\":\"text\",\"text\":\"x\"}]";

        assertThat(client(message(content, stopReason, USAGE)).path("choices").path(0).path("finish_reason").asString())
                .isEqualTo(finishReason);
    }

    @Test
    void cache_reads_and_writes_are_prompt_tokens_and_reads_are_cached_tokens() {
        byte[] body = message("[{\"type\":\"text\",\"text\":\"Hi\"}]", "end_turn", "{\"input_tokens\":50,"
                + "\"cache_creation_input_tokens\":200,\"cache_read_input_tokens\":1000,\"output_tokens\":30}");

        assertThat(chat.usage(body)).isEqualTo(new TokenUsage(1250, 30, 1000, 0, false));
        assertThat(client(body).path("usage")).isEqualTo(Jsons.read("""
                {"prompt_tokens":1250,"completion_tokens":30,"total_tokens":1280,
                 "prompt_tokens_details":{"cached_tokens":1000},"completion_tokens_details":{"reasoning_tokens":0}}"""));
    }

    @Test
    void reasoning_tokens_are_output_tokens_beyond_the_visible_answer() {
        // "4" is one token of the visible answer; the other 99 output tokens were thinking
        byte[] thought = message("[{\"type\":\"thinking\",\"thinking\":\"short summary\",\"signature\":\"s\"},"
                + "{\"type\":\"text\",\"text\":\"4\"}]", "end_turn", "{\"input_tokens\":10,\"output_tokens\":100}");
        byte[] reported = message("[{\"type\":\"thinking\",\"thinking\":\"x\",\"signature\":\"s\"},{\"type\":\"text\",\"text\":\"4\"}]",
                "end_turn", "{\"input_tokens\":10,\"output_tokens\":100,\"output_tokens_details\":{\"thinking_tokens\":80}}");
        byte[] bounded = message("[{\"type\":\"thinking\",\"thinking\":\"x\",\"signature\":\"s\"},"
                + "{\"type\":\"text\",\"text\":\"" + "long answer ".repeat(20) + "\"}]", "end_turn", "{\"input_tokens\":1,\"output_tokens\":3}");

        assertThat(chat.usage(thought)).isEqualTo(new TokenUsage(10, 100, 0, 99, false));
        assertThat(client(thought).path("usage").path("completion_tokens_details").path("reasoning_tokens").asLong())
                .isEqualTo(99);
        assertThat(chat.usage(reported).reasoningTokens()).isEqualTo(80);
        assertThat(chat.usage(bounded).reasoningTokens()).isZero();
    }

    @Test
    void an_error_body_with_a_200_is_thrown_as_the_error_it_is() {
        byte[] error = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> chat.responseBody(error)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.OVERLOADED));
        assertThat(chat.usage("not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(TokenUsage.NONE);
    }
}
