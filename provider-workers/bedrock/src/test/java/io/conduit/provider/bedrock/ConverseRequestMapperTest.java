package io.conduit.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.bedrock.ConverseTools.JsonSchemaMode;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.testkit.contract.AdapterHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConverseRequestMapperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLAUDE = "us.anthropic.claude-sonnet-4-20250514-v1:0";
    private static final String WEATHER = """
            {"type":"function","function":{"name":"get_weather","description":"Weather of a city",
             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""";

    private static JsonNode map(String body) {
        return map(body, "amazon.nova-pro-v1:0", JsonSchemaMode.TOOL);
    }

    private static JsonNode map(String body, String model, JsonSchemaMode mode) {
        ModelCapabilities capabilities = BedrockModels.capabilities(model);
        return ConverseRequestMapper.tree(AdapterHarness.inbound(body, model), capabilities, mode);
    }

    private static void assertJson(JsonNode actual, String expected) {
        assertThat(actual).isEqualTo(JSON.readTree(expected));
    }

    private static ProviderException refused(String body) {
        try {
            map(body);
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("the request was not refused");
    }

    @Test
    void system_and_developer_messages_become_system_blocks_and_inference_settings_are_renamed() {
        JsonNode converse = map("""
                {"model":"a","messages":[{"role":"system","content":"Be brief."},
                  {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
                  {"role":"user","content":"Hi"}],
                 "max_completion_tokens":300,"max_tokens":99,"temperature":0.3,"top_p":0.9,"stop":"END"}""");

        assertJson(converse, """
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}],
                 "system":[{"text":"Be brief."},{"text":"Answer in French."}],
                 "inferenceConfig":{"maxTokens":300,"temperature":0.3,"topP":0.9,"stopSequences":["END"]}}""");
    }

    @Test
    void a_tool_round_trip_becomes_tool_use_and_a_user_tool_result_merged_with_the_next_user_turn() {
        JsonNode converse = map("""
                {"model":"a","messages":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":"Let me check.","tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18 degrees"},
                  {"role":"tool","tool_call_id":"call_2","content":"{\\"celsius\\":25}"},
                  {"role":"user","content":"And tomorrow?"}],
                 "tools":[%s]}""".formatted(WEATHER));

        assertJson(converse.path("messages"), """
                [{"role":"user","content":[{"text":"Weather in Paris and Rome?"}]},
                 {"role":"assistant","content":[{"text":"Let me check."},
                   {"toolUse":{"toolUseId":"call_1","name":"get_weather","input":{"city":"Paris"}}},
                   {"toolUse":{"toolUseId":"call_2","name":"get_weather","input":{"city":"Rome"}}}]},
                 {"role":"user","content":[
                   {"toolResult":{"toolUseId":"call_1","content":[{"text":"18 degrees"}]}},
                   {"toolResult":{"toolUseId":"call_2","content":[{"json":{"celsius":25}}]}},
                   {"text":"And tomorrow?"}]}]""");
        assertJson(converse.path("toolConfig"), """
                {"tools":[{"toolSpec":{"name":"get_weather","description":"Weather of a city",
                  "inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}],
                 "toolChoice":{"auto":{}}}""");
    }

    @Test
    void consecutive_user_messages_are_merged_and_blank_text_is_dropped() {
        JsonNode converse = map("""
                {"model":"a","messages":[{"role":"user","content":"One"},{"role":"user","content":"  "},
                  {"role":"user","content":[{"type":"text","text":"Two"}]},{"role":"assistant","content":""},
                  {"role":"assistant","content":"Three"}]}""");

        assertJson(converse.path("messages"), """
                [{"role":"user","content":[{"text":"One"},{"text":"Two"}]},
                 {"role":"assistant","content":[{"text":"Three"}]}]""");
    }

    @Test
    void data_url_images_become_image_blocks_with_their_base64_kept() {
        JsonNode converse = map("""
                {"model":"a","messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},
                  {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQSkZJRg=="}},
                  {"type":"image_url","image_url":{"url":"data:image/webp;base64,UklGRg=="}}]}]}""");

        assertJson(converse.path("messages").path(0).path("content"), """
                [{"text":"What is it?"},
                 {"image":{"format":"jpeg","source":{"bytes":"/9j/4AAQSkZJRg=="}}},
                 {"image":{"format":"webp","source":{"bytes":"UklGRg=="}}}]""");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "web image URL | {\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}} | data: URLs",
        "bmp image | {\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/bmp;base64,Qk0=\"}} | png, jpeg, gif and webp",
        "audio part | {\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAA=\",\"format\":\"wav\"}} | input_audio",
    })
    void content_converse_cannot_take_is_refused_as_a_bad_request(String name, String part, String says) {
        ProviderException e = refused("{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":[" + part + "]}]}");

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.BAD_REQUEST);
        assertThat(e).isInstanceOf(ProviderException.NonRetriable.class);
        assertThat(e.upstreamStatus()).isEqualTo(400);
        assertThat(e.error().message()).contains(says);
        assertThat(e.error().param()).isEqualTo("messages[0].content");
    }

    @Test
    void several_choices_and_the_reserved_tool_name_are_refused() {
        assertThat(refused("{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":2}").error().param())
                .isEqualTo("n");
        String reserved = "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"json_response\",\"parameters\":{\"type\":\"object\"}}}]}";
        assertThat(refused(reserved).error().message()).contains("reserved");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"auto\" | {\"auto\":{}}",
        "\"required\" | {\"any\":{}}",
        "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}} | {\"tool\":{\"name\":\"get_weather\"}}",
    })
    void tool_choice_is_translated(String toolChoice, String expected) {
        JsonNode converse = map("""
                {"model":"a","messages":[{"role":"user","content":"x"}],"tools":[%s],"tool_choice":%s}"""
                .formatted(WEATHER, toolChoice));

        assertJson(converse.path("toolConfig").path("toolChoice"), expected);
    }

    @Test
    void tool_choice_none_drops_the_tools_unless_the_conversation_already_used_tools() {
        JsonNode fresh = map("""
                {"model":"a","messages":[{"role":"user","content":"x"}],"tools":[%s],"tool_choice":"none"}""".formatted(WEATHER));
        JsonNode used = map("""
                {"model":"a","messages":[{"role":"user","content":"x"},
                  {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":"sunny"}],"tools":[%s],"tool_choice":"none"}""".formatted(WEATHER));

        assertThat(fresh.has("toolConfig")).isFalse();
        assertThat(used.path("toolConfig").path("tools")).hasSize(1);
        assertThat(used.path("toolConfig").has("toolChoice")).isFalse();
    }

    @Test
    void tools_used_earlier_but_not_declared_are_declared_for_converse() {
        JsonNode converse = map("""
                {"model":"a","messages":[{"role":"user","content":"x"},
                  {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":""}}]},
                  {"role":"tool","tool_call_id":"c1","content":"found"}]}""");

        assertThat(converse.path("messages").path(1).path("content").path(0).path("toolUse").path("input")).isEmpty();
        assertThat(converse.path("toolConfig").path("tools").path(0).path("toolSpec").path("name").asString()).isEqualTo("lookup");
    }

    private static final String JSON_SCHEMA_REQUEST = """
            {"model":"a","messages":[{"role":"user","content":"Weather as JSON"}]%s,
             "response_format":{"type":"json_schema","json_schema":{"name":"weather","description":"A report",
               "schema":{"type":"object","properties":{"c":{"type":"number"}},"required":["c"],"additionalProperties":false}}}}""";

    @Test
    void json_schema_uses_bedrock_structured_outputs_natively() {
        JsonNode converse = map(JSON_SCHEMA_REQUEST.formatted(""), "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                JsonSchemaMode.NATIVE);

        assertJson(converse.path("outputConfig"), """
                {"textFormat":{"type":"json_schema","structure":{"jsonSchema":{
                  "schema":"{\\"type\\":\\"object\\",\\"properties\\":{\\"c\\":{\\"type\\":\\"number\\"}},\\"required\\":[\\"c\\"],\\"additionalProperties\\":false}",
                  "name":"weather","description":"A report"}}}}""");
        assertThat(converse.has("toolConfig")).isFalse();
    }

    @Test
    void json_schema_without_structured_outputs_forces_a_json_response_tool() {
        JsonNode alone = map(JSON_SCHEMA_REQUEST.formatted(""));
        JsonNode withTools = map(JSON_SCHEMA_REQUEST.formatted(",\"tools\":[" + WEATHER + "]"));

        JsonNode spec = alone.path("toolConfig").path("tools").path(0).path("toolSpec");
        assertThat(spec.path("name").asString()).isEqualTo(ConverseTools.JSON_TOOL);
        assertThat(spec.path("description").asString()).endsWith(": A report");
        assertThat(spec.path("inputSchema").path("json").path("required").path(0).asString()).isEqualTo("c");
        assertJson(alone.path("toolConfig").path("toolChoice"), "{\"tool\":{\"name\":\"json_response\"}}");
        assertJson(withTools.path("toolConfig").path("toolChoice"), "{\"any\":{}}");
        assertThat(withTools.path("toolConfig").path("tools")).hasSize(2);
        assertThat(alone.has("outputConfig")).isFalse();
    }

    @ParameterizedTest(name = "{0}, max {1} → budget {2}")
    @CsvSource({
        "low, , 1024",
        "minimal, , 1024",
        "medium, , 4096",
        "high, , 16384",
        "high, 8000, 7999",
        "medium, 1024, 0",
        "none, , 0",
    })
    void reasoning_effort_becomes_a_claude_thinking_budget_within_the_output_limit(String effort, Integer max, int budget) {
        String body = "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"reasoning_effort\":\"" + effort + "\""
                + (max == null ? "" : ",\"max_tokens\":" + max) + "}";

        JsonNode converse = map(body, CLAUDE, JsonSchemaMode.TOOL);

        if (budget == 0) {
            assertThat(converse.has("additionalModelRequestFields")).isFalse();
        } else {
            assertJson(converse.path("additionalModelRequestFields"),
                    "{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}}");
        }
    }

    @Test
    void with_thinking_and_no_limit_the_output_limit_leaves_room_for_the_answer() {
        String body = "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"reasoning_effort\":\"high\"}";

        assertThat(map(body, CLAUDE, JsonSchemaMode.TOOL).path("inferenceConfig").path("maxTokens").asInt())
                .isEqualTo(16384 + ConverseRequestMapper.THINKING_ANSWER_ALLOWANCE);
        assertThat(map(body.replace("}]", "}],\"max_tokens\":30000"), CLAUDE, JsonSchemaMode.TOOL)
                .path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(30000);
    }

    @Test
    void reasoning_effort_is_left_out_for_models_without_extended_thinking() {
        String body = "{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"reasoning_effort\":\"high\"}";

        assertThat(map(body, "anthropic.claude-3-5-haiku-20241022-v1:0", JsonSchemaMode.TOOL).has("additionalModelRequestFields"))
                .isFalse();
        assertThat(map(body, "meta.llama3-3-70b-instruct-v1:0", JsonSchemaMode.TOOL).has("additionalModelRequestFields"))
                .isFalse();
    }

    @Test
    void with_thinking_the_json_response_tool_is_offered_not_forced() {
        String body = JSON_SCHEMA_REQUEST.formatted(",\"reasoning_effort\":\"low\"");

        assertJson(map(body, CLAUDE, JsonSchemaMode.TOOL).path("toolConfig").path("toolChoice"), "{\"auto\":{}}");
    }

    @Test
    void requests_name_no_model_and_no_stream_flag() {
        JsonNode converse = map("{\"model\":\"alias\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(converse.has("model")).isFalse();
        assertThat(converse.has("stream")).isFalse();
        assertThatThrownBy(() -> map("{\"model\":\"a\",\"messages\":[{\"role\":\"function\",\"content\":\"x\"}]}"))
                .isInstanceOf(ProviderException.class);
    }
}
