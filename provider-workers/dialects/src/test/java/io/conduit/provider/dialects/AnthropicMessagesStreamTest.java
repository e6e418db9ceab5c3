package io.conduit.provider.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.ObjectMappers;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenAI chat streams as Anthropic Messages streams: every event parses as the official SDK's
 * {@code RawMessageStreamEvent}, and the SDK's own accumulator rebuilds the very message the
 * plain answer gives.
 */
class AnthropicMessagesStreamTest {

    private final AnthropicMessagesDialect dialect = new AnthropicMessagesDialect();
    private final ChatRequest request = dialect.toChatRequest("""
            {"model":"claude-sonnet-4-5","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}],
             "tools":[{"name":"get_weather","input_schema":{"type":"object"}}]}""".getBytes(StandardCharsets.UTF_8));

    static Stream<ChatScenario> scenarios() {
        return Stream.of(
                ChatScenario.text("stop", "Hel", "lo", ", world", "!"),
                ChatScenario.text("length", "Once upon a"),
                ChatScenario.calls("tool_calls", List.of(),
                        new ChatScenario.Call("call_Q1", "get_weather", List.of("{\"ci", "ty\":", " \"Paris\"}"))),
                ChatScenario.calls("tool_calls", List.of("Let me check ", "both."),
                        new ChatScenario.Call("call_P1", "get_weather", List.of("{\"city\":", "\"Paris\"}")),
                        new ChatScenario.Call("call_R2", "get_weather", List.of("{\"city\":", "\"Rome\"}"))),
                new ChatScenario(List.of(), List.of("I can't ", "help with that."), List.of(), "stop",
                        new ChatUsage(12, 7, 0, 0)));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void the_stream_adds_up_to_the_plain_answer(ChatScenario scenario) throws Exception {
        byte[] streamed = SseTestEvents.run(dialect.openStream(request), scenario.chunks(), true);

        MessageAccumulator accumulator = MessageAccumulator.create();
        SseTestEvents events = SseTestEvents.parse(streamed);
        for (int i = 0; i < events.data().size(); i++) {
            // ping is handled by the SDK's SSE reader, not a RawMessageStreamEvent
            if (!events.names().get(i).equals("ping")) {
                accumulator.accumulate(ObjectMappers.jsonMapper().readValue(events.data().get(i),
                        RawMessageStreamEvent.class).validate());
            }
        }
        Message plain = AnthropicMessagesResponseTest.parse(dialect.fromChatResponse(scenario.completion(), request));
        assertThat(json(accumulator.message())).isEqualTo(json(plain));
    }

    @Test
    void frames_a_text_answer_as_anthropic_does() {
        SseTestEvents events = SseTestEvents.parse(
                SseTestEvents.run(dialect.openStream(request), ChatScenario.text("stop", "Hi", "!").chunks(), true));

        assertThat(events.names()).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.json(0).get("message").get("content")).isEmpty();
        assertThat(events.json(0).get("message").get("id").stringValue()).isEqualTo(request.responseId());
        assertThat(events.json(0).get("message").get("stop_reason").isNull()).isTrue();
        assertThat(events.json(2).get("content_block").toString()).isEqualTo("{\"type\":\"text\",\"text\":\"\"}");
        assertThat(events.json(3).toString())
                .isEqualTo("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}");
        assertThat(events.json(6).toString()).isEqualTo("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":16,\"output_tokens\":9,\"cache_read_input_tokens\":5,"
                + "\"cache_creation_input_tokens\":0}}");
    }

    @Test
    void numbers_tool_use_blocks_after_the_text_block() {
        SseTestEvents events = SseTestEvents.parse(SseTestEvents.run(dialect.openStream(request),
                ChatScenario.calls("tool_calls", List.of("Ok."),
                        new ChatScenario.Call("call_1", "get_weather", List.of("{\"a\":", "1}")),
                        new ChatScenario.Call("call_2", "get_weather", List.of("{}"))).chunks(), true));

        List<String> starts = new ArrayList<>();
        for (int i = 0; i < events.names().size(); i++) {
            if (events.names().get(i).equals("content_block_start")) {
                starts.add(events.json(i).get("index").asInt() + ":" + events.json(i).get("content_block").get("type").stringValue());
            }
        }
        assertThat(starts).containsExactly("0:text", "1:tool_use", "2:tool_use");
        assertThat(events.data()).anyMatch(d -> d.equals("{\"type\":\"content_block_delta\",\"index\":1,"
                + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":\"}}"));
        assertThat(events.last().get("type").stringValue()).isEqualTo("message_stop");
    }

    @Test
    void an_error_event_mid_stream_ends_it_with_an_anthropic_error() throws Exception {
        List<byte[]> upstream = new ArrayList<>(ChatScenario.text("stop", "Hel", "lo").chunks().subList(0, 2));
        upstream.add(ChatScenario.errorEvent("rate_limit_error", "rate_limit_exceeded", "Slow down."));
        upstream.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));

        SseTestEvents events = SseTestEvents.parse(SseTestEvents.run(dialect.openStream(request), upstream, true));

        assertThat(events.names()).containsExactly("message_start", "ping", "content_block_start", "content_block_delta",
                "error");
        assertThat(events.last().toString())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Slow down.\"}}");
        ObjectMappers.jsonMapper().readValue(events.data().getLast(), ErrorResponse.class).validate();
    }

    @Test
    void other_upstream_errors_read_as_api_errors_even_as_the_first_event() {
        SseTestEvents events = SseTestEvents.parse(SseTestEvents.run(dialect.openStream(request),
                List.of(ChatScenario.errorEvent("upstream_error", "stream_interrupted", "The provider failed.")), false));

        assertThat(events.names()).containsExactly("error");
        assertThat(events.last().get("error").get("type").stringValue()).isEqualTo("api_error");
    }

    @Test
    void a_cut_stream_ends_with_an_error_not_a_message_stop() {
        List<byte[]> chunks = ChatScenario.text("stop", "Hel", "lo").chunks();

        SseTestEvents events = SseTestEvents.parse(
                SseTestEvents.run(dialect.openStream(request), chunks.subList(0, 3), false));

        assertThat(events.names()).doesNotContain("message_stop").endsWith("error");
        assertThat(events.last().get("error").get("type").stringValue()).isEqualTo("api_error");
    }

    @Test
    void a_clean_end_after_the_finish_reason_completes_without_done() {
        List<byte[]> chunks = ChatScenario.text("stop", "Hello").chunks();

        SseTestEvents events = SseTestEvents.parse(
                SseTestEvents.run(dialect.openStream(request), chunks.subList(0, chunks.size() - 1), true));

        assertThat(events.names()).endsWith("message_delta", "message_stop");
    }

    @Test
    void keep_alive_comments_and_events_after_the_end_send_nothing() {
        DialectStream stream = dialect.openStream(request);
        assertThat(stream.onEvent(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8))).isEmpty();

        SseTestEvents.run(stream, ChatScenario.text("stop", "x").chunks(), true);

        assertThat(stream.onEvent(ChatScenario.text("stop", "late").chunks().get(1))).isEmpty();
        assertThat(stream.onEnd(false)).isEmpty();
    }

    private static String json(Message message) throws Exception {
        return ObjectMappers.jsonMapper().writeValueAsString(message);
    }
}
