package io.conduit.provider.minimax;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.testkit.contract.AdapterHarness;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniMaxStreamRelayTest {

    private static final String REQUEST = "{\"model\":\"alias\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAMED = "{\"model\":\"alias\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

    private static String relayAll(StreamRelay relay, String... data) {
        StringBuilder out = new StringBuilder();
        for (String d : data) {
            byte[] relayed = relay.relay(("data: " + d + "\n\n").getBytes(StandardCharsets.UTF_8));
            if (relayed != null) {
                out.append(new String(relayed, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    @Test
    void thinking_is_taken_off_plain_and_streamed_answers_alike() {
        for (Map<String, String> settings : List.of(Map.<String, String>of(), Map.of("reasoning_split", "true"))) {
            try (FakeMiniMax fake = new FakeMiniMax("k").start()) {
                AdapterHarness harness = new AdapterHarness(MiniMaxAdapter.create(),
                        new ProviderEndpoint("p", "minimax", "minimax", fake.baseUrl(), "k", settings));
                fake.answer(new FakeAnswer("Bonjour 🐢!", "The user wants a greeting in French.", List.of(),
                        FakeAnswer.Finish.STOP, new FakeAnswer.Usage(30, 20, 0, 12)));

                OpenAiAnswer plain = OpenAiAnswer.fromBody(harness.send(AdapterHarness.inbound(REQUEST, "MiniMax-M2")).clientBody());
                AdapterHarness.Streamed streamed = harness.stream(AdapterHarness.inbound(STREAMED, "MiniMax-M2"));
                OpenAiAnswer joined = OpenAiAnswer.fromStream(streamed.clientStream());

                assertThat(plain.text()).as(settings.toString()).isEqualTo("Bonjour 🐢!");
                assertThat(joined.text()).as(settings.toString()).isEqualTo("Bonjour 🐢!");
                assertThat(streamed.clientStream()).doesNotContain("greeting");
                assertThat(streamed.relay().generatedText()).contains("greeting in French").contains("Bonjour");
                assertThat(streamed.relay().reportedUsage()).contains(new TokenUsage(30, 20, 0, 12, false));
            }
        }
    }

    @Test
    void tool_calls_only_in_the_closing_message_are_relayed_once() {
        StreamRelay relay = new MiniMaxStreamRelay("MiniMax-M2", false);

        String out = relayAll(relay,
                "{\"id\":\"s1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"<think>plan</think>\",\"role\":\"assistant\"}}],"
                        + "\"object\":\"chat.completion.chunk\"}",
                "{\"id\":\"s1\",\"choices\":[{\"finish_reason\":\"tool_calls\",\"index\":0,\"message\":{\"content\":\"<think>plan</think>\","
                        + "\"tool_calls\":[{\"id\":\"call_function_1\",\"type\":\"function\",\"index\":0,"
                        + "\"function\":{\"name\":\"look\",\"arguments\":\"{\\\"q\\\":1}\"}}]}}],\"object\":\"chat.completion\","
                        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8},\"base_resp\":{\"status_code\":0}}",
                "{\"choices\":[{\"delta\":{\"content\":\"after the end\"}}]}");

        OpenAiAnswer answer = OpenAiAnswer.fromStream(out);
        assertThat(answer.text()).isEmpty();
        assertThat(answer.finishReason()).isEqualTo("tool_calls");
        assertThat(answer.toolCalls()).singleElement().satisfies(call -> assertThat(call.id()).isEqualTo("call_function_1"));
        assertThat(out).doesNotContain("plan").doesNotContain("after the end");
        assertThat(relay.completed()).isTrue();
        assertThat(relay.reportedUsage()).contains(new TokenUsage(5, 3, 0, 0, false));
    }

    @Test
    void a_done_marker_also_ends_the_stream() {
        StreamRelay relay = new MiniMaxStreamRelay("MiniMax-M2", true);

        String out = relayAll(relay,
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"usage\":{\"total_tokens\":0}}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}",
                "[DONE]");

        OpenAiAnswer answer = OpenAiAnswer.fromStream(out);
        assertThat(answer.text()).isEqualTo("Hi");
        assertThat(answer.finishReason()).isEqualTo("length");
        assertThat(answer.usage()).isNull();
        assertThat(relay.completed()).isTrue();
        assertThat(relay.reportedUsage()).isEmpty();
    }

    @Test
    void a_stream_without_its_closing_chunk_is_not_completed() {
        StreamRelay relay = new MiniMaxStreamRelay("MiniMax-M2", true);

        relayAll(relay, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}", "not json");

        assertThat(relay.completed()).isFalse();
        assertThat(relay.streamFailure()).isEmpty();
        assertThat(relay.generatedText()).isEqualTo("Hi");
    }

    @Test
    void output_flagged_sensitive_finishes_with_content_filter() {
        StreamRelay relay = new MiniMaxStreamRelay("MiniMax-M2", false);

        String out = relayAll(relay, "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"message\":{\"content\":\"\"}}],"
                + "\"object\":\"chat.completion\",\"output_sensitive\":true,\"base_resp\":{\"status_code\":0,\"status_msg\":\"\"}}");

        assertThat(OpenAiAnswer.fromStream(out).finishReason()).isEqualTo("content_filter");
    }
}
