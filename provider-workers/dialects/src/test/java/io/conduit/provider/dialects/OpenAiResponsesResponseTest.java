package io.conduit.provider.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.ObjectMappers;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Chat completions as OpenAI {@code response} objects, checked by parsing them with the official
 * Java SDK's models.
 */
class OpenAiResponsesResponseTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_741_476_778L), ZoneOffset.UTC);

    private final OpenAiResponsesDialect dialect = new OpenAiResponsesDialect(CLOCK);
    private final ChatRequest request = dialect.toChatRequest("""
            {"model":"gpt-4.1","input":"Weather?","instructions":"Be brief.","metadata":{"trace":"t-1"},"temperature":0.7,
             "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"},"strict":false}]}"""
            .getBytes(StandardCharsets.UTF_8));

    static Response parse(byte[] body) {
        try {
            return ObjectMappers.jsonMapper().readValue(body, Response.class).validate();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void maps_a_text_answer_to_a_completed_response() {
        byte[] body = dialect.fromChatResponse(ChatScenario.text("stop", "Sunny", ".").completion(), request);

        Response response = parse(body);
        assertThat(response.id()).isEqualTo(request.responseId());
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.createdAt()).isEqualTo(request.createdAt());
        assertThat(response.completedAt()).contains(1_741_476_778.0);
        assertThat(Jsons.MAPPER.readTree(body).get("model").stringValue()).isEqualTo("gpt-4.1");
        assertThat(response.output()).hasSize(1);
        ResponseOutputMessage message = response.output().get(0).asMessage();
        assertThat(message.id()).startsWith("msg_").endsWith("00");
        assertThat(message.content().get(0).asOutputText().text()).isEqualTo("Sunny.");
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(21);
        assertThat(response.usage().orElseThrow().inputTokensDetails().cachedTokens()).isEqualTo(5);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(9);
        assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(2);
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(30);
        assertThat(response.error()).isEmpty();
        assertThat(response.incompleteDetails()).isEmpty();
    }

    @Test
    void echoes_the_request_parameters() {
        JsonNode body = Jsons.MAPPER.readTree(dialect.fromChatResponse(ChatScenario.text("stop", "x").completion(), request));

        assertThat(body.get("object").stringValue()).isEqualTo("response");
        assertThat(body.get("instructions").stringValue()).isEqualTo("Be brief.");
        assertThat(body.get("metadata")).isEqualTo(Jsons.MAPPER.readTree("{\"trace\":\"t-1\"}"));
        assertThat(body.get("temperature").doubleValue()).isEqualTo(0.7);
        assertThat(body.get("top_p").doubleValue()).isEqualTo(1.0);
        assertThat(body.get("tools").get(0).get("name").stringValue()).isEqualTo("get_weather");
        assertThat(body.get("tool_choice").stringValue()).isEqualTo("auto");
        assertThat(body.get("store").booleanValue()).isFalse();
        assertThat(body.get("previous_response_id").isNull()).isTrue();
    }

    @Test
    void maps_tool_calls_to_function_call_items() {
        Response response = parse(dialect.fromChatResponse(ChatScenario.calls("tool_calls", List.of(),
                new ChatScenario.Call("call_P", "get_weather", List.of("{\"city\":\"Paris\"}")),
                new ChatScenario.Call("call_R", "get_weather", List.of("{\"city\":\"Rome\"}"))).completion(), request));

        List<ResponseOutputItem> output = response.output();
        assertThat(output).hasSize(2);
        ResponseFunctionToolCall first = output.get(0).asFunctionCall();
        assertThat(first.id()).hasValueSatisfying(id -> assertThat(id).startsWith("fc_").endsWith("00"));
        assertThat(first.callId()).isEqualTo("call_P");
        assertThat(first.name()).isEqualTo("get_weather");
        assertThat(first.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(first.status()).contains(ResponseFunctionToolCall.Status.COMPLETED);
        assertThat(output.get(1).asFunctionCall().id()).hasValueSatisfying(id -> assertThat(id).endsWith("01"));
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
    }

    @Test
    void text_before_tool_calls_is_a_message_item_first() {
        Response response = parse(dialect.fromChatResponse(ChatScenario.calls("tool_calls", List.of("Checking."),
                new ChatScenario.Call("call_P", "get_weather", List.of("{}"))).completion(), request));

        assertThat(response.output()).hasSize(2);
        assertThat(response.output().get(0).isMessage()).isTrue();
        assertThat(response.output().get(1).isFunctionCall()).isTrue();
    }

    @Test
    void a_truncated_answer_is_incomplete_for_max_output_tokens() {
        Response response = parse(dialect.fromChatResponse(ChatScenario.text("length", "Once").completion(), request));

        assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails().orElseThrow().reason())
                .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
        assertThat(response.completedAt()).isEmpty();
    }

    @Test
    void a_filtered_answer_is_incomplete_for_content_filter() {
        Response response = parse(dialect.fromChatResponse(ChatScenario.text("content_filter", "").completion(), request));

        assertThat(response.incompleteDetails().orElseThrow().reason())
                .contains(Response.IncompleteDetails.Reason.CONTENT_FILTER);
    }

    @Test
    void a_refusal_is_a_refusal_part() {
        ChatScenario refusal = new ChatScenario(List.of(), List.of("I can't help with that."), List.of(), "stop",
                new ChatUsage(10, 6, 0, 0));

        Response response = parse(dialect.fromChatResponse(refusal.completion(), request));

        assertThat(response.output().get(0).asMessage().content()).hasSize(1);
        assertThat(response.output().get(0).asMessage().content().get(0).asRefusal().refusal())
                .isEqualTo("I can't help with that.");
    }
}
