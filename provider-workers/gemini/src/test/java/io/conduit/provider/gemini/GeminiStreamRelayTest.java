package io.conduit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiStreamRelayTest {

    private static final String FIRST = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},"
            + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":9,\"totalTokenCount\":9},"
            + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"}\r\n\r\n";
    private static final String LAST = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}],\"role\":\"model\"},"
            + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":9,\"candidatesTokenCount\":2,"
            + "\"totalTokenCount\":11},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"}\r\n\r\n";

    private static StreamRelay relay(boolean wantsUsage) {
        return new GeminiStreamRelay(wantsUsage, "gemini-2.5-flash", 1_750_000_000L, new GeminiErrorMapper());
    }

    private static String relay(StreamRelay relay, String event) {
        byte[] out = relay.relay(event.getBytes(StandardCharsets.UTF_8));
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void each_event_is_a_chunk_and_the_finishing_one_ends_the_stream() {
        StreamRelay relay = relay(true);

        assertThat(relay(relay, FIRST)).isEqualTo("data: {\"id\":\"chatcmpl-r1\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1750000000,\"model\":\"gemini-2.5-flash\",\"choices\":[{\"index\":0,\"delta\":"
                + "{\"role\":\"assistant\",\"content\":\"Hel\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
        assertThat(relay.completed()).isFalse();
        assertThat(relay.reportedUsage()).isEmpty();

        assertThat(relay(relay, LAST)).isEqualTo(
                "data: {\"id\":\"chatcmpl-r1\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,"
                + "\"model\":\"gemini-2.5-flash\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]}\n\n"
                + "data: {\"id\":\"chatcmpl-r1\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,"
                + "\"model\":\"gemini-2.5-flash\",\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"chatcmpl-r1\",\"object\":\"chat.completion.chunk\",\"created\":1750000000,"
                + "\"model\":\"gemini-2.5-flash\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,"
                + "\"total_tokens\":11,\"prompt_tokens_details\":{\"cached_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
                + "data: [DONE]\n\n");
        assertThat(relay.completed()).isTrue();
        assertThat(relay.reportedUsage()).contains(new TokenUsage(9, 2, 0, 0, false));
        assertThat(relay.generatedText()).isEqualTo("Hello");
        assertThat(relay(relay, FIRST)).as("nothing after the end").isNull();
    }

    @Test
    void usage_chunk_only_when_the_client_asked_but_usage_is_always_kept() {
        StreamRelay relay = relay(false);
        relay(relay, FIRST);

        String last = relay(relay, LAST);

        assertThat(last).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
        assertThat(relay.reportedUsage()).contains(new TokenUsage(9, 2, 0, 0, false));
    }

    @Test
    void function_calls_are_whole_tool_call_deltas_indexed_across_the_stream() {
        StreamRelay relay = relay(false);
        String call = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"%s\",\"args\":{\"q\":%d}}}]},"
                + "\"index\":0%s}]}\r\n\r\n";

        String first = relay(relay, call.formatted("a", 1, ""));
        String second = relay(relay, call.formatted("b", 2, ",\"finishReason\":\"STOP\""));

        assertThat(first).contains("\"tool_calls\":[{\"index\":0,\"id\":\"call_0\",\"type\":\"function\","
                + "\"function\":{\"name\":\"a\",\"arguments\":\"{\\\"q\\\":1}\"}}]");
        assertThat(second).contains("\"tool_calls\":[{\"index\":1,\"id\":\"call_1\"")
                .contains("\"finish_reason\":\"tool_calls\"");
        assertThat(relay.generatedText()).isEqualTo("{\"q\":1}{\"q\":2}");
    }

    @Test
    void a_blocked_prompt_finishes_as_content_filter() {
        StreamRelay relay = relay(false);

        String out = relay(relay, "data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"},"
                + "\"usageMetadata\":{\"promptTokenCount\":4,\"totalTokenCount\":4}}\r\n\r\n");

        assertThat(out).contains("\"delta\":{\"role\":\"assistant\"},\"logprobs\":null,\"finish_reason\":\"content_filter\"")
                .endsWith("data: [DONE]\n\n");
        assertThat(relay.completed()).isTrue();
    }

    @Test
    void an_in_band_error_is_an_openai_error_event_and_the_streams_failure() {
        StreamRelay relay = relay(true);
        relay(relay, FIRST);

        String out = relay(relay, "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\","
                + "\"status\":\"UNAVAILABLE\"}}\r\n\r\n");

        assertThat(out).isEqualTo("data: {\"error\":{\"message\":\"The model is overloaded. Please try again later.\","
                + "\"type\":\"api_error\",\"param\":null,\"code\":\"UNAVAILABLE\"}}\n\n");
        assertThat(relay.streamFailure()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.OVERLOADED);
            assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        });
        assertThat(relay.reportedUsage()).isEmpty();
        assertThat(relay(relay, LAST)).isNull();
    }

    @Test
    void events_without_data_are_dropped() {
        StreamRelay relay = relay(false);

        assertThat(relay(relay, ": keep-alive\r\n\r\n")).isNull();
        assertThat(relay(relay, "data: not json\r\n\r\n")).isNull();
        assertThat(relay.completed()).isFalse();
    }
}
