package io.conduit.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConverseResponseMapperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ConverseResponseMapper mapper =
            new ConverseResponseMapper(Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));

    private JsonNode map(String converse) {
        return JSON.readTree(mapper.toOpenAi(converse.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void text_tool_use_and_reasoning_blocks_become_an_openai_message() {
        JsonNode answer = map("""
                {"output":{"message":{"role":"assistant","content":[
                   {"reasoningContent":{"reasoningText":{"text":"The user wants weather.","signature":"c2ln"}}},
                   {"text":"Checking "},{"text":"now."},
                   {"toolUse":{"toolUseId":"tooluse_abc","name":"get_weather","input":{"city":"Paris","days":[1, 2]}}}]}},
                 "stopReason":"tool_use",
                 "usage":{"inputTokens":100,"outputTokens":40,"totalTokens":140},"metrics":{"latencyMs":900}}""");

        assertThat(answer.path("object").asString()).isEqualTo("chat.completion");
        assertThat(answer.path("id").asString()).startsWith("chatcmpl-");
        assertThat(answer.path("created").asLong()).isEqualTo(1_700_000_000L);
        JsonNode choice = answer.path("choices").path(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode message = choice.path("message");
        assertThat(message.path("content").asString()).isEqualTo("Checking now.");
        assertThat(message.path("reasoning_content").asString()).isEqualTo("The user wants weather.");
        assertThat(message.path("tool_calls")).isEqualTo(JSON.readTree("""
                [{"id":"tooluse_abc","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\",\\"days\\":[1,2]}"}}]"""));
    }

    @Test
    void only_tool_calls_give_null_content() {
        JsonNode message = map("""
                {"output":{"message":{"role":"assistant","content":[
                   {"toolUse":{"toolUseId":"t1","name":"f","input":{}}}]}},"stopReason":"tool_use",
                 "usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2}}""").path("choices").path(0).path("message");

        assertThat(message.path("content").isNull()).isTrue();
        assertThat(message.path("tool_calls").path(0).path("function").path("arguments").asString()).isEqualTo("{}");
    }

    @Test
    void a_json_response_tool_call_is_the_answer_text() {
        JsonNode choice = map("""
                {"output":{"message":{"role":"assistant","content":[
                   {"toolUse":{"toolUseId":"t1","name":"json_response","input":{"city":"Paris","c":18}}}]}},
                 "stopReason":"tool_use","usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2}}""").path("choices").path(0);

        assertThat(choice.path("message").path("content").asString()).isEqualTo("{\"city\":\"Paris\",\"c\":18}");
        assertThat(choice.path("message").has("tool_calls")).isFalse();
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "max_tokens, length",
        "model_context_window_exceeded, length",
        "tool_use, tool_calls",
        "guardrail_intervened, content_filter",
        "content_filtered, content_filter",
        "some_future_reason, stop",
    })
    void stop_reasons_become_finish_reasons(String stopReason, String finishReason) {
        assertThat(StopReasons.finishReason(stopReason, false)).isEqualTo(finishReason);
    }

    @Test
    void cache_reads_and_writes_count_as_prompt_tokens_and_reads_as_cached() {
        String converse = """
                {"output":{"message":{"role":"assistant","content":[{"text":"ok"}]}},"stopReason":"end_turn",
                 "usage":{"inputTokens":50,"outputTokens":20,"totalTokens":1070,"cacheReadInputTokens":800,
                          "cacheWriteInputTokens":200}}""";

        assertThat(ConverseResponseMapper.usage(JSON.readTree(converse))).isEqualTo(new TokenUsage(1050, 20, 800, 0, false));
        assertThat(map(converse).path("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":1050,"completion_tokens":20,"total_tokens":1070,
                 "prompt_tokens_details":{"cached_tokens":800},"completion_tokens_details":{"reasoning_tokens":0}}"""));
    }

    @Test
    void a_body_without_usage_counts_nothing() {
        assertThat(ConverseUsage.read(JSON.readTree("{}").path("usage"))).isEqualTo(TokenUsage.NONE);
    }
}
