package io.conduit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.testkit.contract.AdapterHarness;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The stream relay fed Anthropic's events directly, as the streaming guide shows them. */
class AnthropicStreamRelayTest {

    private static final String START = event("message_start", """
            {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant",
             "model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,
             "usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":300,"output_tokens":2}}}""");
    private static final String STOP = event("message_stop", "{\"type\":\"message_stop\"}");

    private static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json.replace("\n", "") + "\n\n";
    }

    private static String blockStart(int index, String block) {
        return event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":" + block + "}");
    }

    private static String delta(int index, String delta) {
        return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}");
    }

    private static String text(int index, String text) {
        return delta(index, "{\"type\":\"text_delta\",\"text\":\"" + text + "\"}");
    }

    private static String json(int index, String partial) {
        return delta(index, "{\"type\":\"input_json_delta\",\"partial_json\":" + Jsons.compact(Jsons.object().put("p", partial).path("p")) + "}");
    }

    private static String blockStop(int index) {
        return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    private static String messageDelta(String stopReason, String usage) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\",\"stop_sequence\":null},\"usage\":" + usage + "}");
    }

    private static StreamRelay relay(boolean wantsUsage) {
        return AnthropicAdapter.create(Clock.fixed(Instant.ofEpochSecond(1_750_000_000), ZoneOffset.UTC))
                .chatCompletions().orElseThrow()
                .openStream(AdapterHarness.inbound(wantsUsage
                        ? "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}" : "{\"stream\":true}", "m"));
    }

    /** Feeds each event and returns what the client received. */
    private static String feed(StreamRelay relay, String... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String event : events) {
            byte[] relayed = relay.relay(event.getBytes(StandardCharsets.UTF_8));
            if (relayed != null) {
                out.writeBytes(relayed);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> chunks(String client) {
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : client.split("\n\n")) {
            if (!event.equals("data: [DONE]")) {
                chunks.add(Jsons.read(event.substring("data: ".length())));
            }
        }
        return chunks;
    }

    @Test
    void a_text_stream_becomes_openai_chunks() {
        StreamRelay relay = relay(true);
        String client = feed(relay, START, blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"),
                event("ping", "{\"type\":\"ping\"}"), text(0, "Hello"), text(0, "!"), blockStop(0),
                messageDelta("end_turn", "{\"output_tokens\":15}"), STOP);

        List<JsonNode> chunks = chunks(client);
        assertThat(chunks.getFirst()).isEqualTo(Jsons.read("""
                {"id":"msg_014p7gG3wDgGV9EUtLvnow3U","object":"chat.completion.chunk","created":1750000000,
                 "model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"role":"assistant","content":""},
                 "logprobs":null,"finish_reason":null}]}"""));
        assertThat(chunks.get(1).path("choices").path(0).path("delta")).isEqualTo(Jsons.read("{\"content\":\"Hello\"}"));
        assertThat(chunks.get(3).path("choices").path(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(chunks.get(4).path("choices")).isEmpty();
        assertThat(chunks.get(4).path("usage")).isEqualTo(Jsons.read("""
                {"prompt_tokens":772,"completion_tokens":15,"total_tokens":787,
                 "prompt_tokens_details":{"cached_tokens":300},"completion_tokens_details":{"reasoning_tokens":0}}"""));
        assertThat(chunks).hasSize(5);
        assertThat(client).endsWith("data: [DONE]\n\n").doesNotContain("ping");
        assertThat(relay.completed()).isTrue();
        assertThat(relay.generatedText()).isEqualTo("Hello!");
        assertThat(OpenAiAnswer.fromStream(client).text()).isEqualTo("Hello!");
    }

    @Test
    void output_tokens_are_cumulative_so_the_latest_count_wins() {
        StreamRelay relay = relay(false);
        feed(relay, START, blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), text(0, "Hi"), blockStop(0),
                messageDelta("end_turn", "{\"output_tokens\":10}"));

        assertThat(relay.reportedUsage()).contains(new TokenUsage(772, 10, 300, 0, false));
        assertThat(relay.completed()).as("no message_stop yet").isFalse();

        feed(relay, messageDelta("end_turn", "{\"input_tokens\":472,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":300,\"output_tokens\":12}"), STOP);

        assertThat(relay.reportedUsage()).contains(new TokenUsage(772, 12, 300, 0, false));
    }

    @Test
    void usage_is_reported_only_once_the_final_usage_has_passed_and_sent_only_when_asked() {
        StreamRelay relay = relay(false);
        String before = feed(relay, START, blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), text(0, "Hi"));

        assertThat(relay.reportedUsage()).as("message_start holds only the input so far").isEmpty();
        String after = feed(relay, blockStop(0), messageDelta("max_tokens", "{\"output_tokens\":1}"), STOP);

        assertThat(relay.reportedUsage()).contains(new TokenUsage(772, 1, 300, 0, false));
        assertThat(before + after).doesNotContain("\"usage\"");
        assertThat(OpenAiAnswer.fromStream(before + after).finishReason()).isEqualTo("length");
    }

    @Test
    void tool_use_blocks_become_indexed_tool_calls_with_argument_pieces() {
        StreamRelay relay = relay(false);
        String client = feed(relay, START, blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), text(0, "Checking."),
                blockStop(0),
                blockStart(1, "{\"type\":\"tool_use\",\"id\":\"toolu_a\",\"name\":\"get_weather\",\"input\":{}}"),
                json(1, ""), json(1, "{\"city\": "), json(1, "\"Paris\"}"), blockStop(1),
                blockStart(2, "{\"type\":\"tool_use\",\"id\":\"toolu_b\",\"name\":\"get_weather\",\"input\":{}}"),
                json(2, "{\"city\": \"Tokyo\"}"), blockStop(2),
                messageDelta("tool_use", "{\"output_tokens\":60}"), STOP);

        List<JsonNode> chunks = chunks(client);
        assertThat(chunks.get(2).path("choices").path(0).path("delta")).isEqualTo(Jsons.read("""
                {"tool_calls":[{"index":0,"id":"toolu_a","type":"function","function":{"name":"get_weather","arguments":""}}]}"""));
        assertThat(chunks.get(3).path("choices").path(0).path("delta")).isEqualTo(Jsons.read("""
                {"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\": "}}]}"""));
        OpenAiAnswer answer = OpenAiAnswer.fromStream(client);
        assertThat(answer.toolCalls()).extracting(OpenAiAnswer.Call::id).containsExactly("toolu_a", "toolu_b");
        assertThat(answer.toolCalls().get(1).arguments()).isEqualTo(Jsons.read("{\"city\":\"Tokyo\"}"));
        assertThat(answer.finishReason()).isEqualTo("tool_calls");
        assertThat(relay.generatedText()).isEqualTo("Checking.{\"city\": \"Paris\"}{\"city\": \"Tokyo\"}");
    }

    @Test
    void thinking_is_streamed_as_reasoning_content_and_estimated_as_reasoning_tokens() {
        StreamRelay relay = relay(true);
        String client = feed(relay, START, blockStart(0, "{\"type\":\"thinking\",\"thinking\":\"\"}"),
                delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"Let me think.\"}"),
                delta(0, "{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM\"}"), blockStop(0),
                blockStart(1, "{\"type\":\"text\",\"text\":\"\"}"), text(1, "Done thinking."), blockStop(1),
                messageDelta("end_turn", "{\"output_tokens\":300}"), STOP);

        assertThat(chunks(client).get(1).path("choices").path(0).path("delta"))
                .isEqualTo(Jsons.read("{\"reasoning_content\":\"Let me think.\"}"));
        assertThat(client).doesNotContain("EqQBCgIYAhIM");
        assertThat(OpenAiAnswer.fromStream(client).text()).isEqualTo("Done thinking.");
        // "Done thinking." is 14 bytes, about 4 tokens: the other 296 output tokens were thinking
        assertThat(relay.reportedUsage()).contains(new TokenUsage(772, 300, 300, 296, false));
        assertThat(relay.generatedText()).isEqualTo("Done thinking.");
    }

    @Test
    void the_json_output_tool_streams_as_content() {
        StreamRelay relay = relay(false);
        String client = feed(relay, START,
                blockStart(0, "{\"type\":\"tool_use\",\"id\":\"toolu_j\",\"name\":\"conduit_json_response\",\"input\":{}}"),
                json(0, ""), json(0, "{\"city\": "), json(0, "\"Paris\"}"), blockStop(0),
                messageDelta("tool_use", "{\"output_tokens\":9}"), STOP);

        OpenAiAnswer answer = OpenAiAnswer.fromStream(client);
        assertThat(Jsons.read(answer.text())).isEqualTo(Jsons.read("{\"city\":\"Paris\"}"));
        assertThat(answer.toolCalls()).isEmpty();
        assertThat(answer.finishReason()).isEqualTo("stop");
    }

    @Test
    void an_error_event_is_relayed_as_an_openai_error_and_fails_the_stream() {
        StreamRelay relay = relay(true);
        String client = feed(relay, START, blockStart(0, "{\"type\":\"text\",\"text\":\"\"}"), text(0, "Half"),
                event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

        List<String> events = List.of(client.split("\n\n"));
        assertThat(Jsons.read(events.getLast().substring("data: ".length()))).isEqualTo(Jsons.read(
                "{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\",\"param\":null,\"code\":null}}"));
        assertThat(client).doesNotContain("[DONE]");
        assertThat(relay.streamFailure()).get().extracting(ProviderException::kind).isEqualTo(ProviderException.Kind.OVERLOADED);
        assertThat(relay.completed()).isFalse();
        assertThat(relay.reportedUsage()).isEmpty();
        assertThat(relay.generatedText()).isEqualTo("Half");
    }

    @Test
    void unknown_events_and_comments_send_nothing() {
        StreamRelay relay = relay(false);

        assertThat(relay.relay(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(relay.relay(event("some_new_event", "{\"type\":\"some_new_event\"}").getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(relay.relay("data: not json\n\n".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
