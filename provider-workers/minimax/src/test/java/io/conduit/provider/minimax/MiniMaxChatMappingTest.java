package io.conduit.provider.minimax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ChatCompletions;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MiniMaxChatMappingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ChatCompletions chat = MiniMaxAdapter.create().chatCompletions().orElseThrow();
    private final ProviderEndpoint endpoint =
            new ProviderEndpoint("p1", "minimax", "minimax", URI.create("https://api.minimax.io/v1"), "mm-secret");

    private static InboundCall call(String json, boolean stream) throws Exception {
        return new InboundCall(JsonObjectScan.parse(json.getBytes(StandardCharsets.UTF_8)), "MiniMax-M2", stream, false);
    }

    private JsonNode sent(String json) throws Exception {
        return JSON.readTree(chat.request(endpoint, call(json, false)).body());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void posts_to_chatcompletion_v2_with_a_bearer_key() throws Exception {
        UpstreamRequest request = chat.request(endpoint, call("{\"model\":\"a\",\"messages\":[],\"stream\":true}", true));

        assertThat(request.uri()).isEqualTo(URI.create("https://api.minimax.io/v1/text/chatcompletion_v2"));
        assertThat(request.headers()).containsEntry("authorization", "Bearer mm-secret");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("model").asString()).isEqualTo("MiniMax-M2");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(request.toString()).doesNotContain("mm-secret");
    }

    @Test
    void keeps_documented_fields_and_adjusts_them_to_minimax_ranges() throws Exception {
        JsonNode body = sent("""
                {"model":"a","messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"hi","name":"ann"}],
                 "max_tokens":300,"temperature":0,"top_p":1.5,"stop":["x"],"seed":1,"n":1,"presence_penalty":0.5,"user":"u",
                 "response_format":{"type":"json_schema","json_schema":{"name":"w","schema":{"type":"object"}}}}""");

        assertThat(body.path("messages").toString()).isEqualTo(
                "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"name\":\"ann\",\"content\":\"hi\"}]");
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.01);
        assertThat(body.path("top_p").asDouble()).isEqualTo(1.0);
        assertThat(body.path("response_format").path("json_schema").path("name").asString()).isEqualTo("w");
        assertThat(body.has("max_tokens") || body.has("stop") || body.has("seed") || body.has("n")
                || body.has("presence_penalty") || body.has("user") || body.has("reasoning_split")).isFalse();
    }

    @Test
    void maps_tools_tool_choice_and_tool_messages() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"look\",\"description\":\"d\",\"strict\":true,"
                + "\"parameters\":{\"type\":\"object\"}}}]";
        JsonNode body = sent("{\"model\":\"a\"," + tools + ",\"tool_choice\":\"required\",\"messages\":["
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"look\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"seen\"}]}");

        assertThat(body.path("tools").toString()).isEqualTo("[{\"type\":\"function\",\"function\":{\"name\":\"look\","
                + "\"description\":\"d\",\"parameters\":{\"type\":\"object\"}}}]");
        assertThat(body.path("tool_choice").asString()).isEqualTo("auto");
        assertThat(body.path("messages").get(0).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"\","
                + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"look\",\"arguments\":\"{}\"}}]}");
        assertThat(body.path("messages").get(1).toString())
                .isEqualTo("{\"role\":\"tool\",\"content\":\"seen\",\"tool_call_id\":\"c1\"}");
        assertThat(sent("{\"model\":\"a\"," + tools + ",\"tool_choice\":\"none\",\"messages\":[]}").path("tool_choice").asString())
                .isEqualTo("none");
        assertThat(sent("{\"model\":\"a\"," + tools + ",\"messages\":[]}").has("tool_choice")).isFalse();
    }

    @Test
    void asks_for_split_reasoning_when_the_provider_is_set_so() throws Exception {
        ProviderEndpoint split = new ProviderEndpoint("p1", "minimax", "minimax", URI.create("https://api.minimax.io/v1"),
                "mm-secret", Map.of("reasoning_split", "true"));

        JsonNode body = JSON.readTree(chat.request(split, call("{\"model\":\"a\",\"messages\":[]}", false)).body());

        assertThat(body.path("reasoning_split").asBoolean()).isTrue();
    }

    @Test
    void refuses_audio_and_file_parts() {
        assertThatThrownBy(() -> sent("{\"model\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{}}]}]}"))
                .isInstanceOf(ProviderException.NonRetriable.class);
    }

    @Test
    void answer_loses_its_thinking_and_minimax_s_extra_fields() {
        byte[] answer = bytes("""
                {"id":"a1","choices":[{"finish_reason":"stop","index":0,"message":{"content":"<think>\\nHmm.\\n</think>\\n\\nHello!",
                 "role":"assistant","name":"MiniMax AI","audio_content":"","reasoning_content":"Hmm."}}],"created":1700000000,
                 "model":"MiniMax-M2","object":"chat.completion","usage":{"total_tokens":30,"total_characters":0,"prompt_tokens":20,
                 "completion_tokens":10,"completion_tokens_details":{"reasoning_tokens":4},"prompt_tokens_details":{"cached_tokens":8}},
                 "input_sensitive":false,"output_sensitive":false,"base_resp":{"status_code":0,"status_msg":""}}""");

        JsonNode out = JSON.readTree(chat.responseBody(answer));

        assertThat(out.path("choices").get(0).path("message").toString())
                .isEqualTo("{\"role\":\"assistant\",\"content\":\"Hello!\",\"refusal\":null}");
        assertThat(out.path("model").asString()).isEqualTo("MiniMax-M2");
        assertThat(out.path("created").asLong()).isEqualTo(1700000000L);
        assertThat(out.has("base_resp") || out.has("input_sensitive")).isFalse();
        assertThat(out.path("usage").toString()).isEqualTo("{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":8},\"completion_tokens_details\":{\"reasoning_tokens\":4}}");
        assertThat(chat.usage(answer)).isEqualTo(new TokenUsage(20, 10, 8, 4, false));
    }

    @Test
    void a_sensitive_answer_finishes_with_content_filter() {
        byte[] answer = bytes("{\"choices\":[{\"finish_reason\":\"stop\",\"message\":{\"content\":\"\"}}],"
                + "\"input_sensitive\":true,\"input_sensitive_type\":2,\"base_resp\":{\"status_code\":0}}");

        assertThat(JSON.readTree(chat.responseBody(answer)).path("choices").get(0).path("finish_reason").asString())
                .isEqualTo("content_filter");
    }

    @Test
    void usage_absent_or_unreadable_is_none() {
        assertThat(chat.usage(bytes("{\"usage\":{\"total_tokens\":0}}"))).isEqualTo(TokenUsage.NONE);
        assertThat(chat.usage(bytes("oops"))).isEqualTo(TokenUsage.NONE);
    }
}
