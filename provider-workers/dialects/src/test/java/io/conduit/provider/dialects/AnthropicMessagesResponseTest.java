package io.conduit.provider.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.StopReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Chat completions as Anthropic {@code message} objects and errors, checked by parsing them with
 * the official Java SDK's models (its Jackson validation is a strict shape check).
 */
class AnthropicMessagesResponseTest {

    private final AnthropicMessagesDialect dialect = new AnthropicMessagesDialect();

    private ChatRequest request(String tools) {
        return dialect.toChatRequest(("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}]" + tools + "}").getBytes(StandardCharsets.UTF_8));
    }

    static Message parse(byte[] body) {
        try {
            return ObjectMappers.jsonMapper().readValue(body, Message.class).validate();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void maps_a_text_answer() {
        ChatRequest request = request("");
        byte[] body = dialect.fromChatResponse(ChatScenario.text("stop", "Hello", "!").completion(), request);

        Message message = parse(body);
        assertThat(message.id()).isEqualTo(request.responseId());
        assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).asText().text()).isEqualTo("Hello!");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.stopSequence()).isEmpty();
        assertThat(message.usage().inputTokens()).isEqualTo(16);
        assertThat(message.usage().cacheReadInputTokens()).contains(5L);
        assertThat(message.usage().cacheCreationInputTokens()).contains(0L);
        assertThat(message.usage().outputTokens()).isEqualTo(9);
        assertThat(Jsons.MAPPER.readTree(body).get("type").stringValue()).isEqualTo("message");
        assertThat(Jsons.MAPPER.readTree(body).get("role").stringValue()).isEqualTo("assistant");
    }

    @Test
    void maps_tool_calls_to_tool_use_blocks_after_the_text() {
        ChatRequest request = request(",\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}]");
        byte[] body = dialect.fromChatResponse(ChatScenario.calls("tool_calls", List.of("Checking."),
                new ChatScenario.Call("call_abc", "get_weather", List.of("{\"city\":", "\"Paris\"}")),
                new ChatScenario.Call("call_def", "get_weather", List.of("{\"city\":\"Rome\"}"))).completion(), request);

        Message message = parse(body);
        List<ContentBlock> content = message.content();
        assertThat(content).hasSize(3);
        assertThat(content.get(0).asText().text()).isEqualTo("Checking.");
        assertThat(content.get(1).asToolUse().id()).isEqualTo("call_abc");
        assertThat(content.get(1).asToolUse().name()).isEqualTo("get_weather");
        assertThat(Jsons.MAPPER.readTree(body).get("content").get(1).get("input"))
                .isEqualTo(Jsons.MAPPER.readTree("{\"city\":\"Paris\"}"));
        assertThat(content.get(2).asToolUse().id()).isEqualTo("call_def");
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void maps_long_tool_names_back_to_the_clients() {
        String longName = "mcp__server_with_a_rather_long_name__and_a_tool_with_an_even_longer_name_here";
        ChatRequest request = request(",\"tools\":[{\"name\":\"" + longName + "\",\"input_schema\":{\"type\":\"object\"}}]");
        String chatName = Jsons.MAPPER.readTree(request.chatBody()).get("tools").get(0).get("function").get("name")
                .stringValue();

        Message message = parse(dialect.fromChatResponse(ChatScenario.calls("tool_calls", List.of(),
                new ChatScenario.Call("call_1", chatName, List.of("{}"))).completion(), request));

        assertThat(message.content().get(0).asToolUse().name()).isEqualTo(longName);
    }

    @ParameterizedTest
    @CsvSource({"stop,end_turn", "length,max_tokens", "tool_calls,tool_use", "content_filter,refusal"})
    void maps_finish_reasons_to_stop_reasons(String finishReason, String stopReason) {
        Message message = parse(dialect.fromChatResponse(ChatScenario.text(finishReason, "x").completion(), request("")));

        assertThat(message.stopReason().orElseThrow().asString()).isEqualTo(stopReason);
    }

    @Test
    void a_refusal_reads_as_text_with_stop_reason_refusal() {
        ChatScenario refusal = new ChatScenario(List.of(), List.of("I can't help with that."), List.of(), "stop",
                new ChatUsage(10, 6, 0, 0));

        Message message = parse(dialect.fromChatResponse(refusal.completion(), request("")));

        assertThat(message.content().get(0).asText().text()).isEqualTo("I can't help with that.");
        assertThat(message.stopReason()).contains(StopReason.REFUSAL);
    }

    @Test
    void arguments_that_are_not_an_object_become_an_empty_input() {
        Message message = parse(dialect.fromChatResponse(ChatScenario.calls("tool_calls", List.of(),
                new ChatScenario.Call("call_1", "t", List.of("{\"broken"))).completion(), request("")));

        assertThat(message.content().get(0).asToolUse()._input().toString()).isEqualTo("{}");
    }

    @ParameterizedTest
    @CsvSource({"400,invalid_request_error", "401,authentication_error", "402,billing_error", "403,permission_error",
        "404,not_found_error", "413,request_too_large", "429,rate_limit_error", "500,api_error", "502,api_error",
        "503,overloaded_error", "504,timeout_error", "529,overloaded_error", "409,invalid_request_error"})
    void errors_take_anthropics_type_for_the_status(int status, String type) throws Exception {
        byte[] body = dialect.errorBody(status, "whatever", "code", null, "Something went wrong.");

        JsonNode json = Jsons.MAPPER.readTree(body);
        assertThat(json.get("type").stringValue()).isEqualTo("error");
        assertThat(json.get("error").get("type").stringValue()).isEqualTo(type);
        assertThat(json.get("error").get("message").stringValue()).isEqualTo("Something went wrong.");
        if (!type.equals("request_too_large")) {
            ObjectMappers.jsonMapper().readValue(body, ErrorResponse.class).validate();
        }
    }

    @Test
    void an_error_about_a_param_names_it_first_as_anthropic_does() {
        JsonNode json = Jsons.MAPPER.readTree(dialect.errorBody(400, "invalid_request_error", null, "max_tokens",
                "Field required"));

        assertThat(json.get("error").get("message").stringValue()).isEqualTo("max_tokens: Field required");
    }
}
