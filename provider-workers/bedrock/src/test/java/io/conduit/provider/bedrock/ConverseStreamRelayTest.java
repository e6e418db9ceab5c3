package io.conduit.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.bedrock.eventstream.EventStreamMessage;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ConverseStreamRelayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConverseStreamRelay relay(boolean wantsUsage) {
        return new ConverseStreamRelay(new ChunkWriter("chatcmpl-1", 1_700_000_000L, "us.amazon.nova-pro-v1:0"), wantsUsage);
    }

    private static byte[] event(String type, String json) {
        return ConverseWire.event(type, (ObjectNode) JSON.readTree(json));
    }

    private static String run(ConverseStreamRelay relay, List<byte[]> events) {
        StringBuilder client = new StringBuilder();
        for (byte[] event : events) {
            byte[] out = relay.relay(event);
            if (out != null) {
                client.append(new String(out, StandardCharsets.UTF_8));
            }
        }
        return client.toString();
    }

    private static final List<byte[]> TOOL_STREAM = List.of(
            event("messageStart", "{\"role\":\"assistant\"}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Hmm.\"}}}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"c2ln\"}}}"),
            event("contentBlockStop", "{\"contentBlockIndex\":0}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"text\":\"Let me \"}}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"text\":\"check.\"}}"),
            event("contentBlockStop", "{\"contentBlockIndex\":1}"),
            event("contentBlockStart", "{\"contentBlockIndex\":2,\"start\":{\"toolUse\":{\"toolUseId\":\"tu_1\",\"name\":\"get_weather\"}}}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":2,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\":\"}}}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":2,\"delta\":{\"toolUse\":{\"input\":\"\\\"Paris\\\"}\"}}}"),
            event("contentBlockStop", "{\"contentBlockIndex\":2}"),
            event("contentBlockStart", "{\"contentBlockIndex\":3,\"start\":{\"toolUse\":{\"toolUseId\":\"tu_2\",\"name\":\"get_time\"}}}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":3,\"delta\":{\"toolUse\":{\"input\":\"{}\"}}}"),
            event("contentBlockStop", "{\"contentBlockIndex\":3}"),
            event("messageStop", "{\"stopReason\":\"tool_use\"}"),
            event("metadata", "{\"usage\":{\"inputTokens\":30,\"outputTokens\":12,\"totalTokens\":52,\"cacheReadInputTokens\":10},"
                    + "\"metrics\":{\"latencyMs\":400}}"));

    @Test
    void a_converse_stream_becomes_openai_chunks() {
        ConverseStreamRelay relay = relay(true);

        String client = run(relay, TOOL_STREAM);

        OpenAiAnswer answer = OpenAiAnswer.fromStream(client);
        assertThat(answer.text()).isEqualTo("Let me check.");
        assertThat(answer.finishReason()).isEqualTo("tool_calls");
        assertThat(answer.toolCalls()).extracting(OpenAiAnswer.Call::id).containsExactly("tu_1", "tu_2");
        assertThat(answer.toolCalls().get(0).arguments()).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(answer.usage().path("prompt_tokens").asLong()).isEqualTo(40);
        assertThat(client).startsWith("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"us.amazon.nova-pro-v1:0\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}");
        assertThat(client).contains("\"reasoning_content\":\"Hmm.\"").doesNotContain("c2ln");
        assertThat(client).contains("\"tool_calls\":[{\"index\":1,\"id\":\"tu_2\"");
        assertThat(client).endsWith("data: [DONE]\n\n");
        assertThat(relay.completed()).isTrue();
        assertThat(relay.streamFailure()).isEmpty();
        assertThat(relay.reportedUsage()).contains(new TokenUsage(40, 12, 10, 0, false));
        assertThat(relay.generatedText()).isEqualTo("Hmm.Let me check.{\"city\":\"Paris\"}{}");
    }

    @Test
    void the_usage_chunk_is_left_out_unless_asked_for_but_usage_is_still_reported() {
        ConverseStreamRelay relay = relay(false);

        String client = run(relay, TOOL_STREAM);

        assertThat(OpenAiAnswer.fromStream(client).usage()).isNull();
        assertThat(client).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
        assertThat(relay.reportedUsage()).isPresent();
    }

    @Test
    void a_json_response_tool_streams_as_content_and_ends_with_stop() {
        String client = run(relay(false), List.of(
                event("messageStart", "{\"role\":\"assistant\"}"),
                event("contentBlockStart", "{\"contentBlockIndex\":0,\"start\":{\"toolUse\":{\"toolUseId\":\"t\",\"name\":\"json_response\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":\"{\\\"c\\\":\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":\"18}\"}}}"),
                event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                event("messageStop", "{\"stopReason\":\"tool_use\"}"),
                event("metadata", "{\"usage\":{\"inputTokens\":3,\"outputTokens\":4,\"totalTokens\":7}}")));

        OpenAiAnswer answer = OpenAiAnswer.fromStream(client);
        assertThat(answer.text()).isEqualTo("{\"c\":18}");
        assertThat(answer.toolCalls()).isEmpty();
        assertThat(answer.finishReason()).isEqualTo("stop");
    }

    @Test
    void an_exception_message_ends_the_stream_with_an_error_event_and_a_failure() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "exception");
        headers.put(":exception-type", "throttlingException");
        headers.put(":content-type", "application/json");
        byte[] exception = new EventStreamMessage(headers,
                "{\"message\":\"Too many tokens, please wait before trying again.\"}".getBytes(StandardCharsets.UTF_8)).encode();
        ConverseStreamRelay relay = relay(true);

        String client = run(relay, List.of(event("messageStart", "{\"role\":\"assistant\"}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Par\"}}"), exception,
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"is\"}}")));

        String last = client.substring(client.lastIndexOf("data: "));
        JsonNode error = JSON.readTree(last.substring(6)).path("error");
        assertThat(error.path("message").asString()).isEqualTo("Too many tokens, please wait before trying again.");
        assertThat(error.path("code").asString()).isEqualTo("throttlingException");
        assertThat(error.path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(client).doesNotContain("\"is\"").doesNotContain("[DONE]");
        ProviderException failure = relay.streamFailure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED);
        assertThat(failure).isInstanceOf(ProviderException.Retriable.class);
        assertThat(relay.reportedUsage()).isEmpty();
        assertThat(relay.generatedText()).isEqualTo("Par");
    }

    @Test
    void a_corrupt_stream_reported_by_the_decoder_is_a_retriable_failure() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "error");
        headers.put(":error-code", "CorruptEventStream");
        headers.put(":error-message", "The provider's event stream is corrupt: a message CRC does not match.");
        ConverseStreamRelay relay = relay(false);

        String client = run(relay, List.of(new EventStreamMessage(headers, new byte[0]).encode()));

        assertThat(client).contains("corrupt");
        assertThat(relay.streamFailure()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(ProviderException.Kind.SERVER_ERROR));
    }

    @Test
    void a_stream_cut_before_message_stop_is_not_completed() {
        ConverseStreamRelay relay = relay(true);

        run(relay, List.of(event("messageStart", "{\"role\":\"assistant\"}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Half\"}}")));

        assertThat(relay.completed()).isFalse();
        assertThat(relay.streamFailure()).isEmpty();
        assertThat(relay.generatedText()).isEqualTo("Half");
    }

    @Test
    void unknown_events_are_skipped() {
        ConverseStreamRelay relay = relay(false);

        assertThat(relay.relay(event("somethingNew", "{\"x\":1}"))).isNull();
        assertThat(relay.relay(event("contentBlockStop", "{\"contentBlockIndex\":0}"))).isNull();
        assertThat(relay.completed()).isFalse();
    }
}
