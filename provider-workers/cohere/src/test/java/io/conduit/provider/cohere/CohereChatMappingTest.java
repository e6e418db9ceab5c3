package io.conduit.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CohereChatMappingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ChatCompletions chat = CohereAdapter.create().chatCompletions().orElseThrow();
    private final ProviderEndpoint endpoint =
            new ProviderEndpoint("p1", "cohere", "cohere", URI.create("https://api.cohere.com/v2/"), "co-secret-key");

    private static InboundCall call(String json, boolean stream) throws Exception {
        return new InboundCall(JsonObjectScan.parse(json.getBytes(StandardCharsets.UTF_8)), "command-a-03-2025", stream, false);
    }

    private JsonNode sent(String json) throws Exception {
        return JSON.readTree(chat.request(endpoint, call(json, false)).body());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void posts_to_chat_with_a_bearer_key_and_the_provider_model() throws Exception {
        UpstreamRequest request = chat.request(endpoint, call("{\"model\":\"alias\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}", true));

        assertThat(request.uri()).isEqualTo(URI.create("https://api.cohere.com/v2/chat"));
        assertThat(request.headers()).containsEntry("authorization", "Bearer co-secret-key")
                .containsEntry("accept", "text/event-stream");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("model").asString()).isEqualTo("command-a-03-2025");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(request.toString()).doesNotContain("co-secret-key");
    }

    @Test
    void maps_sampling_fields_and_drops_unknown_ones() throws Exception {
        JsonNode body = sent("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":100,"temperature":0.4,
                 "top_p":1.0,"stop":"END","seed":7,"frequency_penalty":-1.5,"presence_penalty":0.3,
                 "n":1,"user":"u-1","logprobs":true,"parallel_tool_calls":false}""");

        assertThat(body.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.4);
        assertThat(body.path("p").asDouble()).isEqualTo(0.99);
        assertThat(body.path("stop_sequences").toString()).isEqualTo("[\"END\"]");
        assertThat(body.path("seed").asInt()).isEqualTo(7);
        assertThat(body.path("frequency_penalty").asDouble()).isEqualTo(0.0);
        assertThat(body.path("presence_penalty").asDouble()).isEqualTo(0.3);
        assertThat(body.has("n") || body.has("user") || body.has("logprobs") || body.has("parallel_tool_calls")
                || body.has("top_p") || body.has("stream")).isFalse();
    }

    @Test
    void max_completion_tokens_wins_over_max_tokens() throws Exception {
        JsonNode body = sent("{\"model\":\"m\",\"messages\":[],\"max_tokens\":10,\"max_completion_tokens\":20}");

        assertThat(body.path("max_tokens").asInt()).isEqualTo(20);
    }

    @Test
    void maps_messages_of_every_role() throws Exception {
        JsonNode messages = sent("""
                {"model":"m","messages":[
                  {"role":"developer","content":"Be brief."},
                  {"role":"user","content":[{"type":"text","text":"What is this?"},
                    {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]},
                  {"role":"assistant","content":"Let me check.","tool_calls":[{"id":"call_9","type":"function",
                    "function":{"name":"look","arguments":"{\\"q\\":1}"}}]},
                  {"role":"tool","tool_call_id":"call_9","content":"a cat"},
                  {"role":"assistant","content":[{"type":"text","text":"A cat."}]}]}""").path("messages");

        assertThat(messages.get(0).toString()).isEqualTo("{\"role\":\"system\",\"content\":\"Be brief.\"}");
        assertThat(messages.get(1).path("content").toString()).isEqualTo(
                "[{\"type\":\"text\",\"text\":\"What is this?\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\",\"detail\":\"low\"}}]");
        JsonNode assistant = messages.get(2);
        assertThat(assistant.path("tool_plan").asString()).isEqualTo("Let me check.");
        assertThat(assistant.has("content")).isFalse();
        assertThat(assistant.path("tool_calls").toString()).isEqualTo(
                "[{\"id\":\"call_9\",\"type\":\"function\",\"function\":{\"name\":\"look\",\"arguments\":\"{\\\"q\\\":1}\"}}]");
        assertThat(messages.get(3).toString()).isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_9\",\"content\":\"a cat\"}");
        assertThat(messages.get(4).path("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"A cat.\"}]");
    }

    @Test
    void refuses_content_cohere_cannot_take() {
        String audio = """
                {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"x","format":"wav"}}]}]}""";

        assertThatThrownBy(() -> chat.request(endpoint, call(audio, false)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
                    assertThat(e.error().message()).contains("input_audio");
                });
    }

    @Test
    void maps_tool_choice() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\",\"parameters\":{\"type\":\"object\"}}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"b\",\"strict\":true}}]";

        assertThat(sent("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":\"auto\"}").has("tool_choice")).isFalse();
        assertThat(sent("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":\"none\"}").path("tool_choice").asString())
                .isEqualTo("NONE");
        JsonNode required = sent("{\"model\":\"m\",\"messages\":[]," + tools + ",\"tool_choice\":\"required\"}");
        assertThat(required.path("tool_choice").asString()).isEqualTo("REQUIRED");
        assertThat(required.path("tools")).hasSize(2);
        assertThat(required.path("strict_tools").asBoolean()).isTrue();
        assertThat(required.path("tools").get(1).path("function").path("parameters").toString())
                .isEqualTo("{\"type\":\"object\",\"properties\":{}}");

        JsonNode named = sent("{\"model\":\"m\",\"messages\":[]," + tools
                + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"b\"}}}");
        assertThat(named.path("tool_choice").asString()).isEqualTo("REQUIRED");
        assertThat(named.path("tools")).hasSize(1);
        assertThat(named.path("tools").get(0).path("function").path("name").asString()).isEqualTo("b");
    }

    @Test
    void maps_response_format() throws Exception {
        JsonNode schema = sent("""
                {"model":"m","messages":[],"response_format":{"type":"json_schema","json_schema":{"name":"w","strict":true,
                 "schema":{"type":"object","properties":{"city":{"type":"string"}}}}}}""");
        assertThat(schema.path("response_format").toString()).isEqualTo(
                "{\"type\":\"json_object\",\"json_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}");
        assertThat(sent("{\"model\":\"m\",\"messages\":[],\"response_format\":{\"type\":\"json_object\"}}")
                .path("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
        assertThat(sent("{\"model\":\"m\",\"messages\":[],\"response_format\":{\"type\":\"text\"}}").has("response_format"))
                .isFalse();
    }

    @Test
    void answer_text_leaves_out_thinking_and_tool_plan_and_charges_billed_units() {
        byte[] answer = bytes("""
                {"id":"c-1","finish_reason":"COMPLETE","message":{"role":"assistant","tool_plan":"plan",
                 "content":[{"type":"thinking","thinking":"hmm"},{"type":"text","text":"Hello"},{"type":"text","text":" there"}],
                 "citations":[]},
                 "usage":{"billed_units":{"input_tokens":5,"output_tokens":2},"tokens":{"input_tokens":70,"output_tokens":3},
                 "cached_tokens":4}}""");

        JsonNode out = JSON.readTree(chat.responseBody(answer));

        assertThat(out.path("object").asString()).isEqualTo("chat.completion");
        assertThat(out.path("id").asString()).isEqualTo("c-1");
        assertThat(out.path("choices").get(0).path("message").path("content").asString()).isEqualTo("Hello there");
        assertThat(out.path("choices").get(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(out.path("usage").toString()).isEqualTo("{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":0}}");
        assertThat(chat.usage(answer)).isEqualTo(new TokenUsage(5, 2, 4, 0, false));
    }

    @Test
    void falls_back_to_tokens_when_nothing_is_billed() {
        byte[] answer = bytes("{\"finish_reason\":\"COMPLETE\",\"usage\":{\"tokens\":{\"input_tokens\":9,\"output_tokens\":4}}}");

        assertThat(chat.usage(answer)).isEqualTo(new TokenUsage(9, 4, 0, 0, false));
        assertThat(chat.usage(bytes("not json"))).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void maps_finish_reasons() {
        for (String[] pair : new String[][] {{"COMPLETE", "stop"}, {"STOP_SEQUENCE", "stop"}, {"MAX_TOKENS", "length"},
                {"TOOL_CALL", "tool_calls"}, {"ERROR_TOXIC", "content_filter"}}) {
            byte[] answer = bytes("{\"finish_reason\":\"" + pair[0] + "\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}}");
            assertThat(JSON.readTree(chat.responseBody(answer)).path("choices").get(0).path("finish_reason").asString())
                    .as(pair[0]).isEqualTo(pair[1]);
        }
    }

    @Test
    void an_error_or_timeout_finish_is_a_provider_failure() {
        assertThatThrownBy(() -> chat.responseBody(bytes("{\"finish_reason\":\"ERROR\",\"message\":{\"content\":[]}}")))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
        assertThatThrownBy(() -> chat.responseBody(bytes("{\"finish_reason\":\"TIMEOUT\",\"message\":{\"content\":[]}}")))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        assertThatThrownBy(() -> chat.responseBody(bytes("<html>")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
    }

    @Test
    void tool_calls_come_back_in_openai_shape_with_null_content() {
        byte[] answer = bytes("""
                {"finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"I will check.",
                 "tool_calls":[{"id":"get_weather_x1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]}}""");

        JsonNode message = JSON.readTree(chat.responseBody(answer)).path("choices").get(0).path("message");

        assertThat(message.path("content").isNull()).isTrue();
        assertThat(message.path("tool_calls").toString()).isEqualTo("[{\"id\":\"get_weather_x1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]");
    }
}
