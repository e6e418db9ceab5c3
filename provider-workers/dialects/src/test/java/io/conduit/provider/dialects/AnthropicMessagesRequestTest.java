package io.conduit.provider.dialects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Anthropic Messages requests (https://docs.anthropic.com/en/api/messages) as chat-completions requests. */
class AnthropicMessagesRequestTest {

    private final AnthropicMessagesDialect dialect = new AnthropicMessagesDialect();

    private ChatRequest translate(String body) {
        return dialect.toChatRequest(body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode chat(String body) {
        return Jsons.MAPPER.readTree(translate(body).chatBody());
    }

    @Test
    void maps_a_minimal_request_and_keeps_the_client_model() {
        ChatRequest request = translate("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello, Claude"}]}""");

        assertThat(Jsons.MAPPER.readTree(request.chatBody())).isEqualTo(Jsons.MAPPER.readTree("""
                {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hello, Claude"}],
                 "max_completion_tokens":1024}"""));
        assertThat(request.clientModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.stream()).isFalse();
        assertThat(request.responseId()).matches("msg_01[0-9A-Za-z]{22}");
        assertThat(request.toolNames()).isEmpty();
    }

    @Test
    void system_as_string_or_text_blocks_becomes_the_first_system_message() {
        assertThat(chat("""
                {"model":"m","max_tokens":5,"system":"Be brief.","messages":[{"role":"user","content":"hi"}]}""")
                .get("messages").get(0)).isEqualTo(Jsons.MAPPER.readTree("{\"role\":\"system\",\"content\":\"Be brief.\"}"));
        assertThat(chat("""
                {"model":"m","max_tokens":5,"system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}},
                  {"type":"text","text":"Answer in French."}],"messages":[{"role":"user","content":"hi"}]}""")
                .get("messages").get(0).get("content").stringValue()).isEqualTo("Be brief.\nAnswer in French.");
    }

    @Test
    void streams_always_ask_for_usage() {
        ChatRequest request = translate("""
                {"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        JsonNode chat = Jsons.MAPPER.readTree(request.chatBody());
        assertThat(request.stream()).isTrue();
        assertThat(chat.get("stream").booleanValue()).isTrue();
        assertThat(chat.get("stream_options").get("include_usage").booleanValue()).isTrue();
    }

    @Test
    void maps_text_and_images_of_a_user_turn_to_content_parts() {
        JsonNode message = chat("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
                  {"type":"text","text":"What is in these images?"}]}]}""").get("messages").get(0);

        assertThat(message).isEqualTo(Jsons.MAPPER.readTree("""
                {"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg"}},
                  {"type":"text","text":"What is in these images?"}]}"""));
    }

    @Test
    void maps_pdf_and_text_documents() {
        JsonNode content = chat("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
                  {"type":"document","title":"report.pdf","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"plain words"}}]}]}""")
                .get("messages").get(0).get("content");

        assertThat(content).isEqualTo(Jsons.MAPPER.readTree("""
                [{"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0=","filename":"report.pdf"}},
                 {"type":"text","text":"plain words"}]"""));
    }

    @Test
    void tool_use_becomes_tool_calls_and_thinking_is_dropped() {
        JsonNode message = chat("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":[
                   {"type":"thinking","thinking":"The user wants weather.","signature":"EqQBCgIYAhIM"},
                   {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"},
                   {"type":"text","text":"Let me check."},
                   {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"location":"Paris","unit":"c"}}]}]}""")
                .get("messages").get(1);

        assertThat(message).isEqualTo(Jsons.MAPPER.readTree("""
                {"role":"assistant","content":"Let me check.","tool_calls":[{"id":"toolu_01A09q90qw90lq917835lq9",
                 "type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\",\\"unit\\":\\"c\\"}"}}]}"""));
    }

    @Test
    void an_assistant_turn_of_only_tool_calls_has_null_content() {
        JsonNode message = chat("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"?"},{"role":"assistant","content":[
                   {"type":"tool_use","id":"toolu_1","name":"a","input":{}},
                   {"type":"tool_use","id":"toolu_2","name":"b","input":{"x":1}}]}]}""").get("messages").get(1);

        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.get("tool_calls")).hasSize(2);
        assertThat(message.get("tool_calls").get(1).get("function").get("arguments").stringValue()).isEqualTo("{\"x\":1}");
    }

    @Test
    void tool_results_become_tool_messages_before_the_rest_of_the_user_turn() {
        JsonNode messages = chat("""
                {"model":"m","max_tokens":5,"messages":[
                 {"role":"user","content":"Weather in Paris and Rome?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}},
                   {"type":"tool_use","id":"toolu_2","name":"get_weather","input":{"city":"Rome"}}]},
                 {"role":"user","content":[
                   {"type":"text","text":"Here you go."},
                   {"type":"tool_result","tool_use_id":"toolu_1","content":"15 degrees"},
                   {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"city not found"}],"is_error":true}]}]}""")
                .get("messages");

        assertThat(messages).hasSize(5);
        assertThat(messages.get(2)).isEqualTo(Jsons.MAPPER.readTree(
                "{\"role\":\"tool\",\"tool_call_id\":\"toolu_1\",\"content\":\"15 degrees\"}"));
        assertThat(messages.get(3)).isEqualTo(Jsons.MAPPER.readTree(
                "{\"role\":\"tool\",\"tool_call_id\":\"toolu_2\",\"content\":\"Error: city not found\"}"));
        assertThat(messages.get(4)).isEqualTo(Jsons.MAPPER.readTree("{\"role\":\"user\",\"content\":\"Here you go.\"}"));
    }

    @Test
    void images_in_a_tool_result_follow_as_user_content() {
        JsonNode messages = chat("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"screenshot:"},
                     {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"/9j/"}}]}]}]}""")
                .get("messages");

        assertThat(messages.get(0).get("content").stringValue()).isEqualTo("screenshot:");
        assertThat(messages.get(1)).isEqualTo(Jsons.MAPPER.readTree("""
                {"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/"}}]}"""));
    }

    @Test
    void maps_tools_and_tool_choice() {
        JsonNode chat = chat("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"name":"get_weather","description":"Get the weather","input_schema":{"type":"object",
                   "properties":{"location":{"type":"string"}},"required":["location"]},"cache_control":{"type":"ephemeral"}}],
                 "tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}}""");

        assertThat(chat.get("tools")).isEqualTo(Jsons.MAPPER.readTree("""
                [{"type":"function","function":{"name":"get_weather","description":"Get the weather",
                  "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}]"""));
        assertThat(chat.get("tool_choice")).isEqualTo(Jsons.MAPPER.readTree(
                "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
        assertThat(chat.get("parallel_tool_calls").booleanValue()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"auto,auto", "any,required", "none,none"})
    void maps_tool_choice_modes(String anthropic, String chat) {
        assertThat(chat("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"name":"t","input_schema":{"type":"object"}}],"tool_choice":{"type":"%s"}}""".formatted(anthropic))
                .get("tool_choice").stringValue()).isEqualTo(chat);
    }

    @Test
    void long_tool_names_get_short_chat_names_and_come_back() {
        String longName = "mcp__github_enterprise_server__list_pull_request_review_comments_for_repository";
        ChatRequest request = translate("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"%1$s","input":{}}]}],
                 "tools":[{"name":"%1$s","input_schema":{"type":"object"}}]}""".formatted(longName));

        JsonNode chat = Jsons.MAPPER.readTree(request.chatBody());
        String chatName = chat.get("tools").get(0).get("function").get("name").stringValue();
        assertThat(chatName).matches("[a-zA-Z0-9_-]{1,64}");
        assertThat(chat.get("messages").get(1).get("tool_calls").get(0).get("function").get("name").stringValue())
                .isEqualTo(chatName);
        assertThat(request.clientToolName(chatName)).isEqualTo(longName);
        assertThat(request.clientToolName("other")).isEqualTo("other");
    }

    @Test
    void maps_sampling_stop_user_and_drops_top_k() {
        JsonNode chat = chat("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"temperature":0.3,"top_p":0.9,
                 "top_k":40,"stop_sequences":["\\n\\nHuman:","END"],"metadata":{"user_id":"u-42"}}""");

        assertThat(chat.get("temperature").doubleValue()).isEqualTo(0.3);
        assertThat(chat.get("top_p").doubleValue()).isEqualTo(0.9);
        assertThat(chat.has("top_k")).isFalse();
        assertThat(chat.get("stop")).isEqualTo(Jsons.MAPPER.readTree("[\"\\n\\nHuman:\",\"END\"]"));
        assertThat(chat.get("user").stringValue()).isEqualTo("u-42");
    }

    @ParameterizedTest
    @CsvSource({"1024,low", "8000,medium", "32000,high"})
    void thinking_budgets_map_to_reasoning_effort(int budget, String effort) {
        assertThat(chat("""
                {"model":"m","max_tokens":64000,"messages":[{"role":"user","content":"hi"}],
                 "thinking":{"type":"enabled","budget_tokens":%d}}""".formatted(budget))
                .get("reasoning_effort").stringValue()).isEqualTo(effort);
    }

    @Test
    void output_config_sets_effort_and_json_schema_format() {
        JsonNode chat = chat("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],
                 "thinking":{"type":"disabled"},
                 "output_config":{"effort":"max","format":{"type":"json_schema","schema":{"type":"object"}}}}""");

        assertThat(chat.get("reasoning_effort").stringValue()).isEqualTo("high");
        assertThat(chat.get("response_format")).isEqualTo(Jsons.MAPPER.readTree(
                "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"output\",\"schema\":{\"type\":\"object\"},\"strict\":true}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "missing max_tokens|{\"model\":\"m\",\"messages\":[]}|max_tokens|Field required",
        "zero max_tokens|{\"model\":\"m\",\"max_tokens\":0,\"messages\":[]}|max_tokens|positive integer",
        "missing model|{\"max_tokens\":5,\"messages\":[]}|model|Field required",
        "missing messages|{\"model\":\"m\",\"max_tokens\":5}|messages|Field required",
        "bad role|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}|messages.0.role|'user' or 'assistant'",
        "server tool|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]}|tools.0.type|Server tool 'web_search_20250305' is not supported",
        "tool without schema|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"tools\":[{\"name\":\"t\"}]}|tools.0.input_schema|Field required",
        "unknown block|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}|messages.0.content.0.type|'video' is not supported",
        "file image|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]}|messages.0.content.0.source.type|'base64' and 'url'",
        "tool_result without id|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"content\":\"x\"}]}]}|messages.0.content.0.tool_use_id|Field required",
        "bad tool_choice|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"tools\":[{\"name\":\"t\",\"input_schema\":{}}],\"tool_choice\":{\"type\":\"maybe\"}}|tool_choice.type|'auto', 'any', 'tool', 'none'",
        "mcp servers|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"mcp_servers\":[{\"type\":\"url\",\"url\":\"https://x\",\"name\":\"x\"}]}|mcp_servers|not supported",
        "bad temperature|{\"model\":\"m\",\"max_tokens\":5,\"messages\":[],\"temperature\":\"hot\"}|temperature|Must be a number",
    })
    void rejects_invalid_requests_with_the_offending_param(String name, String body, String param, String message) {
        assertThatThrownBy(() -> translate(body))
                .isInstanceOfSatisfying(DialectException.class, e -> {
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void rejects_a_body_that_is_not_json() {
        assertThatThrownBy(() -> translate("{not json")).isInstanceOf(DialectException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> translate("[1]")).isInstanceOf(DialectException.class)
                .hasMessageContaining("JSON object");
    }
}
