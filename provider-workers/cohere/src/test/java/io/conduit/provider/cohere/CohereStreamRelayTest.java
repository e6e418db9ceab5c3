package io.conduit.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CohereStreamRelayTest {

    private static byte[] event(String name, String data) {
        return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String relayAll(StreamRelay relay, byte[]... events) {
        StringBuilder out = new StringBuilder();
        for (byte[] event : events) {
            byte[] relayed = relay.relay(event);
            if (relayed != null) {
                out.append(new String(relayed, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    private static final byte[] START = event("message-start",
            "{\"id\":\"m-1\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\",\"content\":[]}}}");
    private static final byte[] THINKING = event("content-delta",
            "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"thinking\":\"Pondering. \"}}}}");
    private static final byte[] HELLO = event("content-delta",
            "{\"type\":\"content-delta\",\"index\":1,\"delta\":{\"message\":{\"content\":{\"text\":\"Hello\"}}}}");
    private static final byte[] END = event("message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\","
            + "\"usage\":{\"billed_units\":{\"input_tokens\":3,\"output_tokens\":1},\"tokens\":{\"input_tokens\":50,\"output_tokens\":1}}}}");

    @Test
    void relays_text_and_ends_with_finish_usage_and_done() {
        StreamRelay relay = new CohereStreamRelay("command-a", true);

        String out = relayAll(relay, START, THINKING, HELLO, END);

        OpenAiAnswer answer = OpenAiAnswer.fromStream(out);
        assertThat(answer.text()).isEqualTo("Hello");
        assertThat(answer.finishReason()).isEqualTo("stop");
        assertThat(answer.usage().path("prompt_tokens").asLong()).isEqualTo(3);
        assertThat(out).contains("\"id\":\"m-1\"").contains("\"model\":\"command-a\"").contains("\"role\":\"assistant\"")
                .doesNotContain("Pondering");
        assertThat(relay.completed()).isTrue();
        assertThat(relay.reportedUsage()).contains(new TokenUsage(3, 1, 0, 0, false));
        assertThat(relay.generatedText()).isEqualTo("Pondering. Hello");
    }

    @Test
    void usage_chunk_only_when_asked_and_later_events_are_ignored() {
        StreamRelay relay = new CohereStreamRelay("command-a", false);

        String out = relayAll(relay, START, HELLO, END, "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8), HELLO);

        assertThat(OpenAiAnswer.fromStream(out).usage()).isNull();
        assertThat(relay.reportedUsage()).isPresent();
    }

    @Test
    void is_not_completed_before_message_end() {
        StreamRelay relay = new CohereStreamRelay("command-a", true);

        relayAll(relay, START, HELLO);

        assertThat(relay.completed()).isFalse();
        assertThat(relay.reportedUsage()).isEmpty();
        assertThat(relay.generatedText()).isEqualTo("Hello");
    }

    @Test
    void reads_the_type_from_the_event_line_when_data_has_none() {
        StreamRelay relay = new CohereStreamRelay("command-a", false);

        String out = relayAll(relay, event("content-delta", "{\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}"));

        assertThat(out).contains("\"content\":\"Hi\"");
    }

    @Test
    void streams_tool_calls_with_openai_indexes() {
        StreamRelay relay = new CohereStreamRelay("command-a", false);

        String out = relayAll(relay, START,
                event("tool-plan-delta", "{\"type\":\"tool-plan-delta\",\"delta\":{\"message\":{\"tool_plan\":\"I will look.\"}}}"),
                event("tool-call-start", "{\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":"
                        + "{\"id\":\"look_1\",\"type\":\"function\",\"function\":{\"name\":\"look\",\"arguments\":\"\"}}}}}"),
                event("tool-call-delta", "{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":"
                        + "{\"function\":{\"arguments\":\"{\\\"q\\\":\"}}}}}"),
                event("tool-call-delta", "{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":"
                        + "{\"function\":{\"arguments\":\"1}\"}}}}}"),
                event("tool-call-end", "{\"type\":\"tool-call-end\",\"index\":0}"),
                event("message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TOOL_CALL\"}}"));

        OpenAiAnswer answer = OpenAiAnswer.fromStream(out);
        assertThat(answer.finishReason()).isEqualTo("tool_calls");
        assertThat(answer.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("look_1");
            assertThat(call.name()).isEqualTo("look");
            assertThat(call.arguments().path("q").asInt()).isEqualTo(1);
        });
        assertThat(out).doesNotContain("I will look.");
        assertThat(relay.generatedText()).isEqualTo("I will look.{\"q\":1}");
    }

    @Test
    void an_error_finish_ends_the_stream_with_an_error_event() {
        StreamRelay relay = new CohereStreamRelay("command-a", true);

        String out = relayAll(relay, START, HELLO,
                event("message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\",\"error\":\"boom\"}}"));

        assertThat(out).contains("\"error\":{\"message\":\"boom\"").doesNotContain("[DONE]");
        assertThat(relay.streamFailure()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
        assertThat(relay.reportedUsage()).as("no usage reported: the gateway counts what was generated").isEmpty();
        assertThat(relay.generatedText()).isEqualTo("Hello");
    }

    @Test
    void a_timeout_finish_is_a_timeout_failure() {
        StreamRelay relay = new CohereStreamRelay("command-a", true);

        relayAll(relay, START, event("message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TIMEOUT\"}}"));

        assertThat(relay.streamFailure()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void ignores_events_without_data_or_with_bad_json() {
        StreamRelay relay = new CohereStreamRelay("command-a", true);

        assertThat(relay.relay(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(relay.relay(event("content-delta", "{not json"))).isNull();
        assertThat(relay.relay(event("citation-start", "{\"type\":\"citation-start\",\"index\":0}"))).isNull();
    }
}
