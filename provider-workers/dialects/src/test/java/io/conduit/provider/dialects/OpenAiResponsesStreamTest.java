package io.conduit.provider.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.ObjectMappers;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI chat streams as Responses API streams: every event parses as the official SDK's
 * {@code ResponseStreamEvent}, sequence numbers count up from 0, and the SDK's accumulator both
 * takes the final response and rebuilds it from the deltas, each equal to the plain answer.
 */
class OpenAiResponsesStreamTest {

    private final OpenAiResponsesDialect dialect = new OpenAiResponsesDialect(OpenAiResponsesResponseTest.CLOCK);
    private final ChatRequest request = dialect.toChatRequest("""
            {"model":"gpt-4.1","input":"Weather?","stream":true,
             "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}}]}"""
            .getBytes(StandardCharsets.UTF_8));

    static Stream<ChatScenario> scenarios() {
        return AnthropicMessagesStreamTest.scenarios();
    }

    private SseTestEvents stream(List<byte[]> upstream, boolean completed) {
        SseTestEvents events = SseTestEvents.parse(SseTestEvents.run(dialect.openStream(request), upstream, completed));
        for (int i = 0; i < events.data().size(); i++) {
            assertThat(events.json(i).get("sequence_number").asLong()).isEqualTo(i);
        }
        return events;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void the_stream_adds_up_to_the_plain_answer(ChatScenario scenario) throws Exception {
        SseTestEvents events = stream(scenario.chunks(), true);

        ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
        for (String data : events.data()) {
            accumulator.accumulate(ObjectMappers.jsonMapper().readValue(data, ResponseStreamEvent.class).validate());
        }
        Response plain = OpenAiResponsesResponseTest.parse(dialect.fromChatResponse(scenario.completion(), request));
        assertThat(json(accumulator.response())).isEqualTo(json(plain));
        assertThat(json(accumulator.reconstructedResponse())).isEqualTo(json(plain));
    }

    @Test
    void frames_a_text_answer_as_openai_does() {
        SseTestEvents events = stream(ChatScenario.text("stop", "Hi", "!").chunks(), true);

        assertThat(events.names()).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(events.json(0).get("response").get("status").stringValue()).isEqualTo("in_progress");
        assertThat(events.json(0).get("response").get("output")).isEmpty();
        JsonNode added = events.json(2);
        String itemId = added.get("item").get("id").stringValue();
        assertThat(added.get("output_index").asInt()).isZero();
        assertThat(added.get("item").get("status").stringValue()).isEqualTo("in_progress");
        assertThat(events.json(4).toString()).isEqualTo("{\"type\":\"response.output_text.delta\",\"sequence_number\":4,"
                + "\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\",\"logprobs\":[]}");
        assertThat(events.json(6).get("text").stringValue()).isEqualTo("Hi!");
        assertThat(events.last().get("response").get("usage").get("total_tokens").asLong()).isEqualTo(30);
    }

    @Test
    void streams_parallel_function_calls_one_item_after_another() {
        SseTestEvents events = stream(ChatScenario.calls("tool_calls", List.of(),
                new ChatScenario.Call("call_P", "get_weather", List.of("{\"city\":", "\"Paris\"}")),
                new ChatScenario.Call("call_R", "get_weather", List.of("{\"city\":\"Rome\"}"))).chunks(), true);

        List<String> items = new ArrayList<>();
        for (int i = 0; i < events.names().size(); i++) {
            JsonNode event = events.json(i);
            switch (events.names().get(i)) {
                case "response.output_item.added" -> items.add("added " + event.get("output_index").asInt() + " "
                        + event.get("item").get("call_id").stringValue());
                case "response.function_call_arguments.delta" -> items.add("delta " + event.get("output_index").asInt()
                        + " " + event.get("delta").stringValue());
                case "response.function_call_arguments.done" -> items.add("done " + event.get("output_index").asInt()
                        + " " + event.get("name").stringValue() + " " + event.get("arguments").stringValue());
                case "response.output_item.done" -> items.add("item done " + event.get("output_index").asInt());
                default -> { }
            }
        }
        assertThat(items).containsExactly("added 0 call_P", "delta 0 {\"city\":", "delta 0 \"Paris\"}",
                "done 0 get_weather {\"city\":\"Paris\"}", "item done 0", "added 1 call_R", "delta 1 {\"city\":\"Rome\"}",
                "done 1 get_weather {\"city\":\"Rome\"}", "item done 1");
    }

    @Test
    void a_truncated_answer_ends_with_response_incomplete() {
        SseTestEvents events = stream(ChatScenario.text("length", "Once").chunks(), true);

        assertThat(events.names()).endsWith("response.incomplete");
        assertThat(events.last().get("response").get("incomplete_details").get("reason").stringValue())
                .isEqualTo("max_output_tokens");
    }

    @Test
    void an_error_event_mid_stream_sends_error_then_response_failed() throws Exception {
        List<byte[]> upstream = new ArrayList<>(ChatScenario.text("stop", "Hel", "lo").chunks().subList(0, 2));
        upstream.add(ChatScenario.errorEvent("server_error", null, "The model crashed."));

        SseTestEvents events = stream(upstream, true);

        assertThat(events.names()).endsWith("response.output_text.delta", "error", "response.failed");
        JsonNode error = events.json(events.data().size() - 2);
        assertThat(error.get("message").stringValue()).isEqualTo("The model crashed.");
        assertThat(error.get("code").stringValue()).isEqualTo("server_error");
        JsonNode failed = events.last().get("response");
        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("error").toString()).isEqualTo("{\"code\":\"server_error\",\"message\":\"The model crashed.\"}");
        assertThat(failed.get("output").get(0).get("status").stringValue()).isEqualTo("incomplete");
        assertThat(failed.get("output").get(0).get("content").get(0).get("text").stringValue()).isEqualTo("Hel");
        for (String data : events.data()) {
            ObjectMappers.jsonMapper().readValue(data, ResponseStreamEvent.class).validate();
        }
    }

    @Test
    void an_upstream_rate_limit_fails_as_rate_limit_exceeded() {
        SseTestEvents events = stream(List.of(ChatScenario.errorEvent("rate_limit_error", "rate_limit_exceeded",
                "Slow down.")), true);

        assertThat(events.names()).containsExactly("response.created", "response.in_progress", "error", "response.failed");
        assertThat(events.last().get("response").get("error").get("code").stringValue()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void a_cut_stream_fails_instead_of_completing() {
        List<byte[]> chunks = ChatScenario.text("stop", "Hel", "lo").chunks();

        SseTestEvents events = stream(chunks.subList(0, 3), false);

        assertThat(events.names()).doesNotContain("response.completed").endsWith("error", "response.failed");
        assertThat(events.last().get("response").get("error").get("code").stringValue()).isEqualTo("server_error");
    }

    @Test
    void a_clean_end_after_the_finish_reason_completes_without_done() {
        List<byte[]> chunks = ChatScenario.text("stop", "Hello").chunks();

        assertThat(stream(chunks.subList(0, chunks.size() - 1), true).names()).endsWith("response.completed");
    }

    @Test
    void an_empty_answer_still_has_an_empty_message() throws Exception {
        ChatScenario empty = ChatScenario.text("stop");
        SseTestEvents events = stream(empty.chunks(), true);

        assertThat(events.names()).doesNotContain("response.output_text.delta").contains("response.output_text.done");
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        for (String data : events.data()) {
            accumulator.accumulate(ObjectMappers.jsonMapper().readValue(data, ResponseStreamEvent.class).validate());
        }
        assertThat(json(accumulator.response()))
                .isEqualTo(json(OpenAiResponsesResponseTest.parse(dialect.fromChatResponse(empty.completion(), request))));
    }

    private static String json(Response response) throws Exception {
        return ObjectMappers.jsonMapper().writeValueAsString(response);
    }
}
