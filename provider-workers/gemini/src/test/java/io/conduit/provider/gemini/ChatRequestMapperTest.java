package io.conduit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChatRequestMapperTest {

    private static JsonNode mapped(String openAi, String model) throws Exception {
        InboundCall call = new InboundCall(JsonObjectScan.parse(openAi.getBytes(StandardCharsets.UTF_8)), model, false, false);
        return GeminiJson.MAPPER.readTree(ChatRequestMapper.body(call));
    }

    private static JsonNode mapped(String openAi) throws Exception {
        return mapped(openAi, "gemini-2.5-flash");
    }

    @Test
    void system_and_developer_messages_become_the_system_instruction() throws Exception {
        JsonNode request = mapped("""
                {"model":"m","messages":[{"role":"system","content":"Be brief."},
                 {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
                 {"role":"user","content":"Hi"}]}""");

        assertThat(request.path("systemInstruction").toString())
                .isEqualTo("{\"parts\":[{\"text\":\"Be brief.\"},{\"text\":\"Answer in French.\"}]}");
        assertThat(request.path("contents").toString()).isEqualTo("[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]");
        assertThat(request.has("model")).isFalse();
    }

    @Test
    void assistant_turns_are_the_models_and_adjacent_turns_of_a_role_merge() throws Exception {
        JsonNode request = mapped("""
                {"messages":[{"role":"user","content":"One"},{"role":"user","content":"Two"},
                 {"role":"assistant","content":"Three"},{"role":"user","content":"Four"}]}""");

        assertThat(request.path("contents").toString()).isEqualTo("[{\"role\":\"user\",\"parts\":[{\"text\":\"One\"},"
                + "{\"text\":\"Two\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"Three\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"Four\"}]}]");
    }

    @Test
    void images_are_inline_data_or_file_data() throws Exception {
        JsonNode parts = mapped("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"Compare"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}},
                 {"type":"image_url","image_url":{"url":"https://example.com/cat.webp?size=2"}},
                 {"type":"image_url","image_url":{"url":"gs://bucket/dog"}},
                 {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}]}""")
                .path("contents").path(0).path("parts");

        assertThat(parts.path(1).toString()).isEqualTo("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}");
        assertThat(parts.path(2).toString())
                .isEqualTo("{\"fileData\":{\"mimeType\":\"image/webp\",\"fileUri\":\"https://example.com/cat.webp?size=2\"}}");
        assertThat(parts.path(3).path("fileData").path("mimeType").asString()).isEqualTo("image/jpeg");
        assertThat(parts.path(4).toString()).isEqualTo("{\"inlineData\":{\"mimeType\":\"audio/wav\",\"data\":\"UklGRg==\"}}");
    }

    @Test
    void tool_calls_and_results_become_function_calls_and_responses() throws Exception {
        JsonNode contents = mapped("""
                {"messages":[{"role":"user","content":"Weather in Paris and Tokyo?"},
                 {"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                   {"id":"call_1","type":"function","function":{"name":"get_time","arguments":"{\\"city\\":\\"Tokyo\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"09:00"},
                 {"role":"tool","tool_call_id":"call_0","content":"{\\"temperature\\":18}"},
                 {"role":"tool","tool_call_id":"call_9","content":[{"type":"text","text":"[1,2]"}]}]}""")
                .path("contents");

        assertThat(contents.path(1).toString()).isEqualTo("{\"role\":\"model\",\"parts\":["
                + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}},"
                + "{\"functionCall\":{\"name\":\"get_time\",\"args\":{\"city\":\"Tokyo\"}}}]}");
        assertThat(contents.path(2).toString()).isEqualTo("{\"role\":\"user\",\"parts\":["
                + "{\"functionResponse\":{\"name\":\"get_time\",\"response\":{\"output\":\"09:00\"}}},"
                + "{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"temperature\":18}}},"
                + "{\"functionResponse\":{\"name\":\"function\",\"response\":{\"output\":[1,2]}}}]}");
        assertThat(contents).hasSize(3);
    }

    @Test
    void thought_signatures_go_back_and_gemini_3_gets_the_documented_placeholder_when_one_is_lost() throws Exception {
        String body = """
                {"messages":[{"role":"user","content":"Go"},
                 {"role":"assistant","tool_calls":[
                   {"id":"a","type":"function","function":{"name":"f","arguments":"{}"},
                    "extra_content":{"google":{"thought_signature":"c2lnbmF0dXJl"}}}]},
                 {"role":"tool","tool_call_id":"a","content":"ok"},
                 {"role":"assistant","tool_calls":[
                   {"id":"b","type":"function","function":{"name":"f","arguments":"not json"}},
                   {"id":"c","type":"function","function":{"name":"g","arguments":""}}]}]}""";

        JsonNode gemini3 = mapped(body, "gemini-3-pro-preview").path("contents");
        JsonNode gemini25 = mapped(body, "gemini-2.5-pro").path("contents");

        assertThat(gemini3.path(1).path("parts").path(0).path("thoughtSignature").asString()).isEqualTo("c2lnbmF0dXJl");
        assertThat(gemini3.path(3).path("parts").path(0).path("thoughtSignature").asString())
                .isEqualTo("skip_thought_signature_validator");
        assertThat(gemini3.path(3).path("parts").path(1).has("thoughtSignature")).isFalse();
        assertThat(gemini3.path(3).path("parts").path(0).path("functionCall").path("args").toString())
                .isEqualTo("{\"arguments\":\"not json\"}");
        assertThat(gemini3.path(3).path("parts").path(1).path("functionCall").path("args").toString()).isEqualTo("{}");
        assertThat(gemini25.path(3).path("parts").path(0).has("thoughtSignature")).isFalse();
    }

    @Test
    void tools_are_function_declarations_with_their_json_schema() throws Exception {
        JsonNode request = mapped("""
                {"messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","strict":true,
                   "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                     "properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}},
                   {"type":"function","function":{"name":"now"}}],
                 "tool_choice":"required","parallel_tool_calls":false}""");

        assertThat(request.path("tools").toString()).isEqualTo("[{\"functionDeclarations\":["
                + "{\"name\":\"get_weather\",\"description\":\"Weather\",\"parametersJsonSchema\":{\"type\":\"object\","
                + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false}},"
                + "{\"name\":\"now\"}]}]");
        assertThat(request.path("toolConfig").toString()).isEqualTo("{\"functionCallingConfig\":{\"mode\":\"ANY\"}}");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "\"auto\"                                        | {\"mode\":\"AUTO\"}",
        "\"none\"                                        | {\"mode\":\"NONE\"}",
        "\"required\"                                    | {\"mode\":\"ANY\"}",
        "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | {\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}",
    })
    void tool_choice_is_the_function_calling_mode(String choice, String config) throws Exception {
        JsonNode request = mapped("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":" + choice + "}");

        assertThat(request.path("toolConfig").path("functionCallingConfig").toString()).isEqualTo(config);
    }

    @Test
    void sampling_options_and_output_format_are_the_generation_config() throws Exception {
        JsonNode config = mapped("""
                {"messages":[{"role":"user","content":"Hi"}],"max_tokens":100,"max_completion_tokens":200,
                 "temperature":0.2,"top_p":0.9,"stop":"END","seed":7,"presence_penalty":0.5,"frequency_penalty":0.25,
                 "n":1,"user":"u-1","logprobs":false,"metadata":{"a":"b"},"stream_options":{"include_usage":true},
                 "response_format":{"type":"json_schema","json_schema":{"name":"w","strict":true,
                   "schema":{"type":"object","properties":{"city":{"type":"string"}}}}}}""")
                .path("generationConfig");

        assertThat(config.toString()).isEqualTo("{\"maxOutputTokens\":200,\"temperature\":0.2,\"topP\":0.9,\"seed\":7,"
                + "\"presencePenalty\":0.5,\"frequencyPenalty\":0.25,\"stopSequences\":[\"END\"],"
                + "\"responseMimeType\":\"application/json\","
                + "\"responseJsonSchema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}");
    }

    @Test
    void json_object_is_json_output_without_a_schema_and_no_options_no_config() throws Exception {
        assertThat(mapped("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"response_format\":{\"type\":\"json_object\"},"
                + "\"stop\":[\"a\",\"b\"]}").path("generationConfig").toString())
                .isEqualTo("{\"stopSequences\":[\"a\",\"b\"],\"responseMimeType\":\"application/json\"}");
        assertThat(mapped("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"response_format\":{\"type\":\"text\"}}")
                .has("generationConfig")).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        "gemini-2.5-flash,       low,     '{\"thinkingBudget\":1024}'",
        "gemini-2.5-flash,       medium,  '{\"thinkingBudget\":8192}'",
        "gemini-2.5-flash,       high,    '{\"thinkingBudget\":24576}'",
        "gemini-2.5-flash,       none,    '{\"thinkingBudget\":0}'",
        "gemini-2.5-pro,         none,    '{\"thinkingBudget\":128}'",
        "gemini-3-pro-preview,   minimal, '{\"thinkingLevel\":\"low\"}'",
        "gemini-3-pro-preview,   medium,  '{\"thinkingLevel\":\"high\"}'",
        "gemini-3-flash-preview, minimal, '{\"thinkingLevel\":\"minimal\"}'",
        "gemini-3-flash-preview, medium,  '{\"thinkingLevel\":\"medium\"}'",
        "gemini-3-flash-preview, high,    '{\"thinkingLevel\":\"high\"}'",
        "gemini-2.0-flash,       high,    ''",
        "gemini-2.5-flash,       extreme, ''",
    })
    void reasoning_effort_is_the_thinking_config(String model, String effort, String thinking) throws Exception {
        JsonNode config = mapped("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"reasoning_effort\":\""
                + effort + "\"}", model).path("generationConfig");

        assertThat(config.path("thinkingConfig").isMissingNode() ? "" : config.path("thinkingConfig").toString())
                .isEqualTo(thinking == null ? "" : thinking);
    }

    @Test
    void every_mapped_request_passes_the_fakes_request_checks() throws Exception {
        JsonNode request = mapped("""
                {"messages":[{"role":"system","content":"S"},{"role":"user","content":[{"type":"text","text":"Q"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
                 {"role":"assistant","content":"Let me check.","tool_calls":[{"id":"x","type":"function",
                   "function":{"name":"f","arguments":"{\\"a\\":1}"}}]},
                 {"role":"tool","tool_call_id":"x","content":"done"},{"role":"user","content":"And?"}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                 "tool_choice":"auto","temperature":1,"reasoning_effort":"low","max_tokens":10}""", "gemini-3-flash");

        assertThat(FakeGeminiRequests.problem(request)).isNull();
    }
}
