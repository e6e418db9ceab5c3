package io.conduit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.testkit.contract.AdapterHarness;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnthropicRequestMappingTest {

    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk";
    private static final String TOOL = """
            {"type":"function","function":{"name":"get_weather","description":"Weather of a city",
             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}""";

    private final ProviderEndpoint endpoint = endpoint(Map.of());

    private static ProviderEndpoint endpoint(Map<String, String> settings) {
        return new ProviderEndpoint("p1", "claude", "anthropic", URI.create("https://api.anthropic.com/v1/"),
                "sk-ant-secret", settings);
    }

    private UpstreamRequest request(String openAi, String model) {
        return request(endpoint, openAi, model);
    }

    private static UpstreamRequest request(ProviderEndpoint endpoint, String openAi, String model) {
        return AnthropicAdapter.create().chatCompletions().orElseThrow()
                .request(endpoint, AdapterHarness.inbound(openAi, model));
    }

    private JsonNode body(String openAi) {
        return body(openAi, "claude-sonnet-4-5-20250929");
    }

    private JsonNode body(String openAi, String model) {
        return Jsons.read(request(openAi, model).body());
    }

    private static String messages(String messages) {
        return "{\"model\":\"alias\",\"messages\":" + messages + "}";
    }

    @Test
    void posts_to_messages_with_the_key_version_and_json_headers() {
        UpstreamRequest request = request(messages("[{\"role\":\"user\",\"content\":\"hi\"}]"), "claude-haiku-4-5");

        assertThat(request.uri()).isEqualTo(URI.create("https://api.anthropic.com/v1/messages"));
        assertThat(request.headers())
                .containsEntry("x-api-key", "sk-ant-secret")
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("authorization")
                .doesNotContainKey("anthropic-beta");
        assertThat(request.toString()).doesNotContain("sk-ant-secret");
        assertThat(Jsons.read(request.body()).path("model").asString()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void settings_choose_the_version_a_beta_and_the_default_max_tokens() {
        ProviderEndpoint configured = endpoint(Map.of("anthropic_version", "2023-01-01",
                "anthropic_beta", "context-1m-2025-08-07", "default_max_tokens", "1000"));
        UpstreamRequest request = request(configured, messages("[{\"role\":\"user\",\"content\":\"hi\"}]"), "claude-sonnet-4");

        assertThat(request.headers()).containsEntry("anthropic-version", "2023-01-01")
                .containsEntry("anthropic-beta", "context-1m-2025-08-07");
        assertThat(Jsons.read(request.body()).path("max_tokens").asLong()).isEqualTo(1000);
    }

    @Test
    void max_tokens_comes_from_the_client_else_the_model_else_4096() {
        assertThat(body("{\"messages\":[],\"max_tokens\":300,\"max_completion_tokens\":200}").path("max_tokens").asLong())
                .isEqualTo(200);
        assertThat(body("{\"messages\":[],\"max_tokens\":300}").path("max_tokens").asLong()).isEqualTo(300);
        assertThat(body("{\"messages\":[]}", "claude-opus-4-1-20250805").path("max_tokens").asLong()).isEqualTo(32_000);
        assertThat(body("{\"messages\":[]}", "claude-3-5-haiku-latest").path("max_tokens").asLong()).isEqualTo(8_192);
        assertThat(body("{\"messages\":[]}", "some-proxy-model").path("max_tokens").asLong()).isEqualTo(4_096);
    }

    @Test
    void system_and_developer_messages_become_the_system_prompt() {
        JsonNode one = body(messages("""
                [{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]"""));
        JsonNode several = body(messages("""
                [{"role":"developer","content":[{"type":"text","text":"Rule one."}]},
                 {"role":"user","content":"Hi"},
                 {"role":"system","content":"Rule two."}]"""));

        assertThat(one.path("system").asString()).isEqualTo("Be brief.");
        assertThat(one.path("messages")).hasSize(1);
        assertThat(several.path("system")).isEqualTo(Jsons.read(
                "[{\"type\":\"text\",\"text\":\"Rule one.\"},{\"type\":\"text\",\"text\":\"Rule two.\"}]"));
        assertThat(several.path("messages").toString()).doesNotContain("system").doesNotContain("developer");
    }

    @Test
    void consecutive_turns_of_one_role_are_merged_so_roles_alternate() {
        JsonNode out = body(messages("""
                [{"role":"user","content":"One."},{"role":"user","content":[{"type":"text","text":"Two."}]},
                 {"role":"assistant","content":"Three."},{"role":"assistant","content":"Four."},
                 {"role":"user","content":"Five."}]"""));

        assertThat(out.path("messages")).isEqualTo(Jsons.read("""
                [{"role":"user","content":[{"type":"text","text":"One."},{"type":"text","text":"Two."}]},
                 {"role":"assistant","content":[{"type":"text","text":"Three."},{"type":"text","text":"Four."}]},
                 {"role":"user","content":[{"type":"text","text":"Five."}]}]"""));
    }

    @Test
    void empty_text_and_parts_without_an_anthropic_form_are_dropped() {
        JsonNode out = body(messages("""
                [{"role":"user","content":[{"type":"text","text":"Listen."},
                   {"type":"input_audio","input_audio":{"data":"AAAA","format":"wav"}},{"type":"text","text":"  "}]},
                 {"role":"assistant","content":""},
                 {"role":"user","content":"Again."},
                 {"role":"function","name":"f","content":"old"}]"""));

        assertThat(out.path("messages")).isEqualTo(Jsons.read("""
                [{"role":"user","content":[{"type":"text","text":"Listen."},{"type":"text","text":"Again."}]}]"""));
    }

    @Test
    void images_go_by_url_or_as_base64_and_pdfs_as_documents() {
        JsonNode content = body(messages("""
                [{"role":"user","content":[
                  {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}},
                  {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0x"}},
                  {"type":"text","text":"Compare.","cache_control":{"type":"ephemeral"}}]}]""".formatted(PNG)))
                .path("messages").path(0).path("content");

        assertThat(content).isEqualTo(Jsons.read("""
                [{"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}},
                 {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0x"}},
                 {"type":"text","text":"Compare.","cache_control":{"type":"ephemeral"}}]""".formatted(PNG)));
    }

    @Test
    void tool_calls_become_tool_use_and_tool_messages_one_user_turn_of_results() {
        JsonNode out = body(messages("""
                [{"role":"user","content":"Weather in Paris and Tokyo?"},
                 {"role":"assistant","content":"Checking.","tool_calls":[
                   {"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                   {"id":"toolu_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\"}"}}]},
                 {"role":"tool","tool_call_id":"toolu_1","content":"18 degrees"},
                 {"role":"tool","tool_call_id":"toolu_2","content":[{"type":"text","text":"25 degrees"}]},
                 {"role":"user","content":"And tomorrow?"}]"""));

        assertThat(out.path("messages")).isEqualTo(Jsons.read("""
                [{"role":"user","content":[{"type":"text","text":"Weather in Paris and Tokyo?"}]},
                 {"role":"assistant","content":[{"type":"text","text":"Checking."},
                   {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}},
                   {"type":"tool_use","id":"toolu_2","name":"get_weather","input":{"city":"Tokyo"}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"toolu_1","content":"18 degrees"},
                   {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"25 degrees"}]},
                   {"type":"text","text":"And tomorrow?"}]}]"""));
    }

    @Test
    void tools_and_each_tool_choice_are_translated() {
        String base = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tools\":[" + TOOL + "]";

        JsonNode auto = body(base + ",\"tool_choice\":\"auto\"}");
        assertThat(auto.path("tools")).isEqualTo(Jsons.read("""
                [{"name":"get_weather","description":"Weather of a city",
                  "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]"""));
        assertThat(auto.path("tool_choice")).isEqualTo(Jsons.read("{\"type\":\"auto\"}"));
        assertThat(body(base + ",\"tool_choice\":\"none\"}").path("tool_choice")).isEqualTo(Jsons.read("{\"type\":\"none\"}"));
        assertThat(body(base + ",\"tool_choice\":\"required\"}").path("tool_choice")).isEqualTo(Jsons.read("{\"type\":\"any\"}"));
        assertThat(body(base + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}}")
                .path("tool_choice")).isEqualTo(Jsons.read("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
        assertThat(body(base + ",\"parallel_tool_calls\":false}").path("tool_choice"))
                .isEqualTo(Jsons.read("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
        assertThat(body(base + ",\"tool_choice\":\"required\",\"parallel_tool_calls\":false}").path("tool_choice"))
                .isEqualTo(Jsons.read("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
        assertThat(body(base + "}").has("tool_choice")).isFalse();
        assertThat(body("{\"messages\":[],\"tool_choice\":\"required\"}").has("tool_choice")).isFalse();
    }

    @Test
    void stop_sampling_and_user_are_translated_and_other_openai_fields_dropped() {
        JsonNode out = body("""
                {"model":"alias","messages":[{"role":"user","content":"Hi"}],"stop":["END","\\n\\n"],
                 "temperature":1.6,"user":"user-42","n":3,"logprobs":true,"presence_penalty":0.5,"seed":7,
                 "frequency_penalty":1,"logit_bias":{"1":2},"stream_options":{"include_usage":true},
                 "service_tier":"flex","store":true,"metadata":{"a":"b"},"modalities":["text"]}""");

        assertThat(out.path("stop_sequences")).isEqualTo(Jsons.read("[\"END\",\"\\n\\n\"]"));
        assertThat(out.path("temperature").asDouble()).isEqualTo(1.0);
        assertThat(out.path("metadata")).isEqualTo(Jsons.read("{\"user_id\":\"user-42\"}"));
        assertThat(out.propertyNames()).containsExactly("model", "max_tokens", "messages", "stop_sequences",
                "metadata", "temperature");
        assertThat(body("{\"messages\":[],\"stop\":\"END\",\"top_p\":0.9}").path("stop_sequences"))
                .isEqualTo(Jsons.read("[\"END\"]"));
        assertThat(body("{\"messages\":[],\"top_p\":0.9}").path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body("{\"messages\":[],\"top_p\":0.9,\"temperature\":0.2}").has("top_p")).isFalse();
    }

    @Test
    void streams_ask_anthropic_for_a_stream() {
        UpstreamRequest request = request("{\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
                "claude-sonnet-4-5");

        assertThat(Jsons.read(request.body()).path("stream").asBoolean()).isTrue();
        assertThat(Jsons.read(request.body()).has("stream_options")).isFalse();
        assertThat(request.headers()).containsEntry("accept", "text/event-stream");
    }

    @Test
    void reasoning_effort_is_a_thinking_budget_on_older_thinking_models() {
        JsonNode out = body("{\"messages\":[{\"role\":\"user\",\"content\":\"Think.\"}],\"reasoning_effort\":\"medium\","
                + "\"max_completion_tokens\":20000,\"temperature\":0.3}", "claude-sonnet-4-5-20250929");

        assertThat(out.path("thinking")).isEqualTo(Jsons.read("{\"type\":\"enabled\",\"budget_tokens\":8192}"));
        assertThat(out.path("max_tokens").asLong()).isEqualTo(20_000);
        assertThat(out.has("temperature")).as("thinking takes no temperature").isFalse();
    }

    @Test
    void a_budget_not_below_max_tokens_is_added_to_it_within_the_model_limit() {
        JsonNode small = body("{\"messages\":[],\"reasoning_effort\":\"high\",\"max_tokens\":256}", "claude-3-7-sonnet-latest");
        JsonNode capped = body("{\"messages\":[],\"reasoning_effort\":\"xhigh\",\"max_tokens\":30000}", "claude-opus-4-1");

        assertThat(small.path("thinking").path("budget_tokens").asLong()).isEqualTo(16_384);
        assertThat(small.path("max_tokens").asLong()).isEqualTo(16_384 + 256);
        assertThat(capped.path("max_tokens").asLong()).isEqualTo(32_000);
        assertThat(capped.path("thinking").path("budget_tokens").asLong()).isEqualTo(31_999);
    }

    @Test
    void reasoning_effort_is_adaptive_thinking_with_an_effort_on_recent_models() {
        JsonNode opus47 = body("{\"messages\":[],\"reasoning_effort\":\"xhigh\",\"temperature\":0.2}", "claude-opus-4-7");
        JsonNode sonnet46 = body("{\"messages\":[],\"reasoning_effort\":\"xhigh\"}", "claude-sonnet-4-6");
        JsonNode minimal = body("{\"messages\":[],\"reasoning_effort\":\"minimal\"}", "claude-opus-4-6");

        assertThat(opus47.path("thinking")).isEqualTo(Jsons.read("{\"type\":\"adaptive\"}"));
        assertThat(opus47.path("output_config").path("effort").asString()).isEqualTo("xhigh");
        assertThat(opus47.has("temperature")).isFalse();
        assertThat(sonnet46.path("output_config").path("effort").asString()).isEqualTo("high");
        assertThat(minimal.path("output_config").path("effort").asString()).isEqualTo("low");
        assertThat(minimal.path("max_tokens").asLong()).isEqualTo(128_000);
    }

    @Test
    void no_thinking_without_effort_on_models_without_it_or_when_returning_tool_results() {
        assertThat(body("{\"messages\":[],\"reasoning_effort\":\"none\"}").has("thinking")).isFalse();
        assertThat(body("{\"messages\":[],\"reasoning_effort\":\"high\"}", "claude-3-5-sonnet-20241022").has("thinking"))
                .isFalse();
        assertThat(body("{\"messages\":[],\"temperature\":0.5}", "claude-opus-4-7").has("temperature"))
                .as("Opus 4.7 takes no sampling parameters").isFalse();
        JsonNode toolLoop = body("""
                {"reasoning_effort":"high","messages":[{"role":"user","content":"Weather?"},
                 {"role":"assistant","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"w","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"toolu_1","content":"sunny"}]}""");
        assertThat(toolLoop.has("thinking")).as("signed thinking blocks cannot be sent back").isFalse();
    }

    @Test
    void json_schema_is_native_structured_output_where_the_model_has_it() {
        JsonNode out = body("""
                {"messages":[{"role":"user","content":"JSON please."}],"response_format":{"type":"json_schema",
                 "json_schema":{"name":"w","strict":true,"schema":{"type":"object","properties":{"c":{"type":"string"}},
                 "required":["c"],"additionalProperties":false}}}}""", "claude-sonnet-4-5");

        assertThat(out.path("output_config").path("format")).isEqualTo(Jsons.read("""
                {"type":"json_schema","schema":{"type":"object","properties":{"c":{"type":"string"}},
                 "required":["c"],"additionalProperties":false}}"""));
        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("response_format")).isFalse();
    }

    @Test
    void json_output_elsewhere_is_a_forced_tool_and_turns_thinking_off() {
        JsonNode schema = body("""
                {"messages":[{"role":"user","content":"JSON please."}],"reasoning_effort":"high","response_format":
                 {"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object","properties":{"c":{"type":"string"}}}}}}""",
                "claude-3-7-sonnet-20250219");
        JsonNode object = body("{\"messages\":[],\"response_format\":{\"type\":\"json_object\"}}", "claude-sonnet-4-5");
        JsonNode withTools = body("{\"messages\":[],\"tools\":[" + TOOL + "],\"response_format\":{\"type\":\"json_object\"}}",
                "claude-sonnet-4-5");

        assertThat(schema.path("tools").path(0).path("name").asString()).isEqualTo("conduit_json_response");
        assertThat(schema.path("tools").path(0).path("input_schema"))
                .isEqualTo(Jsons.read("{\"type\":\"object\",\"properties\":{\"c\":{\"type\":\"string\"}}}"));
        assertThat(schema.path("tool_choice"))
                .isEqualTo(Jsons.read("{\"type\":\"tool\",\"name\":\"conduit_json_response\"}"));
        assertThat(schema.has("thinking")).as("forced tool use excludes thinking").isFalse();
        assertThat(object.path("tools").path(0).path("input_schema")).isEqualTo(Jsons.read("{\"type\":\"object\"}"));
        assertThat(withTools.path("tools")).hasSize(2);
        assertThat(withTools.path("tool_choice")).isEqualTo(Jsons.read("{\"type\":\"any\"}"));
    }

    @Test
    void strict_tools_are_kept_only_where_structured_outputs_exist() {
        String strictTool = TOOL.replace("\"name\":\"get_weather\"", "\"name\":\"get_weather\",\"strict\":true");
        String request = "{\"messages\":[],\"tools\":[" + strictTool + "]}";

        assertThat(body(request, "claude-haiku-4-5").path("tools").path(0).path("strict").asBoolean()).isTrue();
        assertThat(body(request, "claude-3-5-haiku-20241022").path("tools").path(0).has("strict")).isFalse();
    }
}
