package io.conduit.provider.dialects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** OpenAI Responses requests (CreateResponse in the OpenAPI description) as chat-completions requests. */
class OpenAiResponsesRequestTest {

    private final OpenAiResponsesDialect dialect = new OpenAiResponsesDialect();

    private ChatRequest translate(String body) {
        return dialect.toChatRequest(body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode chat(String body) {
        return Jsons.MAPPER.readTree(translate(body).chatBody());
    }

    private static JsonNode json(String text) {
        return Jsons.MAPPER.readTree(text);
    }

    @Test
    void a_string_input_is_one_user_message_after_the_instructions() {
        ChatRequest request = translate("""
                {"model":"gpt-4.1","instructions":"Talk like a pirate.","input":"Are semicolons optional in JavaScript?"}""");

        assertThat(Jsons.MAPPER.readTree(request.chatBody())).isEqualTo(json("""
                {"model":"gpt-4.1","messages":[{"role":"system","content":"Talk like a pirate."},
                  {"role":"user","content":"Are semicolons optional in JavaScript?"}]}"""));
        assertThat(request.clientModel()).isEqualTo("gpt-4.1");
        assertThat(request.responseId()).matches("resp_[0-9a-f]{48}");
        assertThat(request.stream()).isFalse();
    }

    @Test
    void maps_message_items_and_their_content_parts() {
        JsonNode messages = chat("""
                {"model":"m","input":[
                  {"role":"developer","content":"Be terse."},
                  {"type":"message","role":"system","content":[{"type":"input_text","text":"No emoji."}]},
                  {"role":"user","content":[{"type":"input_text","text":"What is this?"},
                    {"type":"input_image","image_url":"https://example.com/a.png","detail":"low"},
                    {"type":"input_file","filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}]},
                  {"type":"message","id":"msg_1","status":"completed","role":"assistant",
                    "content":[{"type":"output_text","text":"A cat.","annotations":[]}]}]}""").get("messages");

        assertThat(messages).isEqualTo(json("""
                [{"role":"system","content":"Be terse."},{"role":"system","content":"No emoji."},
                 {"role":"user","content":[{"type":"text","text":"What is this?"},
                   {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}},
                   {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0=","filename":"a.pdf"}}]},
                 {"role":"assistant","content":"A cat."}]"""));
    }

    @Test
    void function_calls_join_the_assistant_turn_and_outputs_become_tool_messages() {
        JsonNode messages = chat("""
                {"model":"m","input":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAAA"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Checking."}]},
                  {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
                  {"type":"function_call","id":"fc_2","call_id":"call_2","name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"},
                  {"type":"function_call_output","call_id":"call_1","output":"15C"},
                  {"type":"function_call_output","call_id":"call_2","output":[{"type":"input_text","text":"22C"}]}]}""")
                .get("messages");

        assertThat(messages).isEqualTo(json("""
                [{"role":"user","content":"Weather in Paris and Rome?"},
                 {"role":"assistant","content":"Checking.","tool_calls":[
                   {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                   {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"15C"},
                 {"role":"tool","tool_call_id":"call_2","content":"22C"}]"""));
    }

    @Test
    void a_function_call_without_assistant_text_has_null_content() {
        JsonNode messages = chat("""
                {"model":"m","input":[{"role":"user","content":"hi"},
                  {"type":"function_call","call_id":"call_1","name":"f","arguments":"{}"}]}""").get("messages");

        assertThat(messages.get(1).get("content").isNull()).isTrue();
        assertThat(messages.get(1).get("tool_calls")).hasSize(1);
    }

    @Test
    void images_returned_by_a_function_follow_all_tool_messages_as_user_content() {
        JsonNode messages = chat("""
                {"model":"m","input":[{"role":"user","content":"hi"},
                  {"type":"function_call","call_id":"c1","name":"shot","arguments":"{}"},
                  {"type":"function_call","call_id":"c2","name":"shot","arguments":"{}"},
                  {"type":"function_call_output","call_id":"c1","output":[{"type":"input_image","image_url":"data:image/png;base64,AA=="}]},
                  {"type":"function_call_output","call_id":"c2","output":"done"}]}""").get("messages");

        assertThat(messages).hasSize(5);
        assertThat(messages.get(2).get("role").stringValue()).isEqualTo("tool");
        assertThat(messages.get(3).get("role").stringValue()).isEqualTo("tool");
        assertThat(messages.get(4)).isEqualTo(json("""
                {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AA=="}}]}"""));
    }

    @Test
    void maps_function_tools_and_tool_choice() {
        JsonNode chat = chat("""
                {"model":"m","input":"hi","tools":[{"type":"function","name":"get_weather","description":"Weather",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
                  "additionalProperties":false},"strict":true}],
                 "tool_choice":{"type":"function","name":"get_weather"},"parallel_tool_calls":false}""");

        assertThat(chat.get("tools")).isEqualTo(json("""
                [{"type":"function","function":{"name":"get_weather","description":"Weather",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
                  "additionalProperties":false},"strict":true}}]"""));
        assertThat(chat.get("tool_choice")).isEqualTo(json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
        assertThat(chat.get("parallel_tool_calls").booleanValue()).isFalse();
        assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"}],"
                + "\"tool_choice\":\"required\"}").get("tool_choice").stringValue()).isEqualTo("required");
    }

    @Test
    void maps_text_formats_to_response_formats() {
        JsonNode chat = chat("""
                {"model":"m","input":"hi","text":{"format":{"type":"json_schema","name":"event","strict":true,
                  "schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}},
                  "verbosity":"low"}}""");
        assertThat(chat.get("response_format")).isEqualTo(json("""
                {"type":"json_schema","json_schema":{"name":"event","schema":{"type":"object",
                  "properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false},
                  "strict":true}}"""));
        assertThat(chat.get("verbosity").stringValue()).isEqualTo("low");
        assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_object\"}}}")
                .get("response_format")).isEqualTo(json("{\"type\":\"json_object\"}"));
        assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"text\"}}}")
                .has("response_format")).isFalse();
    }

    @Test
    void maps_sampling_limits_reasoning_and_user_and_keeps_metadata_and_store_out() {
        JsonNode chat = chat("""
                {"model":"m","input":"hi","max_output_tokens":500,"temperature":0.2,"top_p":0.8,
                 "reasoning":{"effort":"high","summary":"auto"},"user":"u-1","metadata":{"k":"v"},"store":true,
                 "include":["reasoning.encrypted_content"],"truncation":"auto"}""");

        assertThat(chat).isEqualTo(json("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":500,"temperature":0.2,
                 "top_p":0.8,"reasoning_effort":"high","user":"u-1"}"""));
    }

    @Test
    void streams_always_ask_for_usage() {
        JsonNode chat = chat("{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}");

        assertThat(chat.get("stream").booleanValue()).isTrue();
        assertThat(chat.get("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
    }

    @Test
    void echoes_the_request_parameters_with_the_apis_defaults() {
        ChatRequest request = translate("""
                {"model":"m","input":"hi","instructions":"Be kind.","metadata":{"k":"v"},"store":true,"temperature":0.5,
                 "tools":[{"type":"function","name":"f","parameters":{"type":"object"}}]}""");

        assertThat((JsonNode) request.echo()).isEqualTo(json("""
                {"instructions":"Be kind.","max_output_tokens":null,"metadata":{"k":"v"},"parallel_tool_calls":true,
                 "previous_response_id":null,"reasoning":{"effort":null,"summary":null},"store":false,"temperature":0.5,
                 "text":{"format":{"type":"text"}},"tool_choice":"auto",
                 "tools":[{"type":"function","name":"f","description":null,"parameters":{"type":"object"},"strict":null}],
                 "top_p":1.0,"truncation":"disabled","user":null}"""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "previous_response_id|{\"model\":\"m\",\"input\":\"hi\",\"previous_response_id\":\"resp_1\"}|previous_response_id|not supported: this gateway serves the Responses API statelessly",
        "conversation|{\"model\":\"m\",\"input\":\"hi\",\"conversation\":\"conv_1\"}|conversation|statelessly",
        "background|{\"model\":\"m\",\"input\":\"hi\",\"background\":true}|background|not supported",
        "missing model|{\"input\":\"hi\"}|model|Missing required parameter: 'model'",
        "missing input|{\"model\":\"m\"}|input|Missing required parameter: 'input'",
        "built-in tool|{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}|tools[0].type|Tool type 'web_search' is not supported",
        "image by file id|{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"file_id\":\"file-1\"}]}]}|input[0].content[0].file_id|file_id are not supported",
        "item reference|{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}|input[0].type|keeps no state",
        "unknown item|{\"model\":\"m\",\"input\":[{\"type\":\"computer_call\"}]}|input[0].type|'computer_call' are not supported",
        "call without call_id|{\"model\":\"m\",\"input\":[{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}]}|input[0].call_id|Missing required parameter",
        "bad role|{\"model\":\"m\",\"input\":[{\"role\":\"tool\",\"content\":\"x\"}]}|input[0].role|Must be one of",
        "bad tool choice|{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"}],\"tool_choice\":{\"type\":\"web_search_preview\"}}|tool_choice|not supported",
        "bad format|{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\"}}}|text.format|needs 'name' and 'schema'",
        "bad max tokens|{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":\"many\"}|max_output_tokens|positive integer",
    })
    void rejects_invalid_or_unsupported_requests(String name, String body, String param, String message) {
        assertThatThrownBy(() -> translate(body))
                .isInstanceOfSatisfying(DialectException.class, e -> {
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void errors_keep_the_openai_envelope() {
        assertThat(new String(dialect.errorBody(400, "invalid_request_error", null, "previous_response_id", "Nope."),
                StandardCharsets.UTF_8)).isEqualTo("{\"error\":{\"message\":\"Nope.\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"previous_response_id\",\"code\":null}}");
    }
}
