package io.conduit.provider.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the OpenAI stream events the gateway hands the dialects. */
class ChatStreamEventTest {

    private static ChatStreamEvent parse(String event) {
        return ChatStreamEvent.parse(event.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_content_tool_call_pieces_finish_reason_and_usage() {
        assertThat(parse("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\",\"tool_calls\":[{\"index\":1,"
                + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1}}}\n\n"))
                .isEqualTo(new ChatStreamEvent.Chunk("Hi", "", List.of(new ChatStreamEvent.ToolCallDelta(1, "call_1", "f",
                        "{\"a")), "tool_calls", new ChatUsage(3, 4, 1, 0)));
    }

    @Test
    void a_chunk_without_usage_has_none() {
        assertThat(parse("data: {\"choices\":[{\"delta\":{\"refusal\":\"No.\"}}],\"usage\":null}\n\n"))
                .isEqualTo(new ChatStreamEvent.Chunk("", "No.", List.of(), null, null));
    }

    @Test
    void reads_done_and_errors_whatever_the_framing() {
        assertThat(parse("data: [DONE]\r\n\r\n")).isInstanceOf(ChatStreamEvent.Done.class);
        assertThat(parse("event: error\ndata:{\"error\":{\"message\":\"Boom\",\"type\":\"server_error\",\"code\":500}}\n\n"))
                .isEqualTo(new ChatStreamEvent.Failure("Boom", "server_error", "500", null));
        assertThat(parse("data: {\"error\":\"plain text\"}\n\n"))
                .isEqualTo(new ChatStreamEvent.Failure("plain text", null, null, null));
    }

    @Test
    void joins_multi_line_data_and_ignores_comments_and_garbage() {
        assertThat(parse("data: {\"choices\":[{\"delta\":\ndata: {\"content\":\"x\"}}]}\n\n"))
                .isEqualTo(new ChatStreamEvent.Chunk("x", "", List.of(), null, null));
        assertThat(parse(": keep-alive\n\n")).isInstanceOf(ChatStreamEvent.Other.class);
        assertThat(parse("data: not json\n\n")).isInstanceOf(ChatStreamEvent.Other.class);
    }

    @Test
    void tool_names_are_stable_and_only_long_or_odd_ones_change() {
        ToolNames names = new ToolNames();
        assertThat(names.toChat("get_weather")).isEqualTo("get_weather");
        String odd = names.toChat("files.read");
        assertThat(odd).matches("files_read_[0-9a-f]{8}").isEqualTo(new ToolNames().toChat("files.read"));
        String longName = "x".repeat(100);
        assertThat(names.toChat(longName)).hasSize(64);
        assertThat(names.chatToClient()).containsEntry(odd, "files.read").hasSize(2);
    }
}
