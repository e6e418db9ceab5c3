package io.conduit.provider.openai;

import static io.conduit.provider.openai.AdapterCalls.call;
import static io.conduit.provider.openai.AdapterCalls.text;
import static io.conduit.provider.openai.AdapterCalls.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.ObjectMappers;
import com.openai.models.responses.ResponseStreamEvent;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.sse.SseEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Relaying a Responses stream: events pass, the client's model shows, usage and endings are kept. */
class ResponsesStreamRelayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RESPONSE = "{\"id\":\"resp_67c9\",\"object\":\"response\",\"created_at\":1741290958,"
            + "\"status\":\"%s\",\"error\":%s,\"incomplete_details\":null,\"instructions\":null,\"max_output_tokens\":null,"
            + "\"model\":\"gpt-4.1-mini-2025-04-14\",\"output\":[],\"parallel_tool_calls\":true,\"previous_response_id\":null,"
            + "\"reasoning\":{\"effort\":null,\"summary\":null},\"store\":false,\"temperature\":1.0,"
            + "\"text\":{\"format\":{\"type\":\"text\"}},\"tool_choice\":\"auto\",\"tools\":[],\"top_p\":1.0,"
            + "\"truncation\":\"disabled\",\"usage\":%s,\"user\":null,\"metadata\":{}}";
    private static final String USAGE = "{\"input_tokens\":37,\"input_tokens_details\":{\"cached_tokens\":5,\"cache_write_tokens\":0},"
            + "\"output_tokens\":11,\"output_tokens_details\":{\"reasoning_tokens\":2},\"total_tokens\":48}";

    private final StreamRelay relay = OpenAiAdapter.openAi().responses().orElseThrow()
            .openStream(call("{\"model\":\"team-fast\",\"input\":\"hi\",\"stream\":true}", "gpt-4.1-mini", true, false));

    private static String event(String type, long sequence, String fields) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + sequence + fields + "}\n\n";
    }

    private static String response(String status, String error, String usage) {
        return RESPONSE.formatted(status, error, usage);
    }

    private static String textDelta(long sequence, String delta) {
        return event("response.output_text.delta", sequence,
                ",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + delta + "\",\"logprobs\":[]");
    }

    private String relay(String event) {
        return text(relay.relay(utf8(event)));
    }

    @Test
    void passes_events_unchanged_but_shows_the_client_model_in_response_snapshots() {
        String created = event("response.created", 0, ",\"response\":" + response("in_progress", "null", "null"));
        byte[] delta = utf8(textDelta(2, "Hi"));

        assertThat(relay(created)).isEqualTo(created.replace("gpt-4.1-mini-2025-04-14", "team-fast"));
        assertThat(relay(": keep-alive\n\n")).isEqualTo(": keep-alive\n\n");
        assertThat(relay.relay(delta)).isSameAs(delta);
        assertThat(relay.completed()).isFalse();
        assertThat(relay.reportedUsage()).isEmpty();
    }

    @Test
    void takes_usage_from_the_completed_event_and_counts_the_stream_complete() {
        relay(event("response.created", 0, ",\"response\":" + response("in_progress", "null", "null")));
        relay(textDelta(1, "Hi"));
        relay(event("response.function_call_arguments.delta", 2, ",\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":\"{\\\"a\\\":1}\""));
        String completed = relay(event("response.completed", 3, ",\"response\":" + response("completed", "null", USAGE)));

        assertThat(completed).contains("\"model\":\"team-fast\"").contains(USAGE);
        assertThat(relay.completed()).isTrue();
        assertThat(relay.reportedUsage()).contains(new TokenUsage(37, 11, 5, 2, false));
        assertThat(relay.generatedText()).isEqualTo("Hi{\"a\":1}");
        assertThat(relay.streamFailure()).isEmpty();
    }

    @Test
    void an_incomplete_response_ends_the_stream_too() {
        relay(event("response.incomplete", 7, ",\"response\":" + response("incomplete", "null", USAGE)));

        assertThat(relay.completed()).isTrue();
        assertThat(relay.reportedUsage()).contains(new TokenUsage(37, 11, 5, 2, false));
    }

    @Test
    void a_failed_response_is_the_stream_failure_with_its_usage() {
        relay(event("response.failed", 4, ",\"response\":" + response("failed",
                "{\"code\":\"rate_limit_exceeded\",\"message\":\"Slow down.\"}", USAGE)));

        assertThat(relay.streamFailure()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.error().message()).isEqualTo("Slow down.");
        });
        assertThat(relay.completed()).isTrue();
        assertThat(relay.reportedUsage()).contains(new TokenUsage(37, 11, 5, 2, false));
    }

    @Test
    void an_error_event_is_the_stream_failure() {
        relay(event("error", 3, ",\"code\":\"server_error\",\"message\":\"The server had an error.\",\"param\":null"));

        assertThat(relay.streamFailure()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(e.error().message()).isEqualTo("The server had an error.");
            assertThat(e.error().type()).isNull();
        });
        assertThat(relay.completed()).isFalse();
    }

    @Test
    void a_cut_stream_ends_with_an_error_and_a_failed_response_in_the_same_numbering() throws Exception {
        relay(event("response.created", 0, ",\"response\":" + response("in_progress", "null", "null")));
        relay(event("response.in_progress", 1, ",\"response\":" + response("in_progress", "null", "null")));
        relay(textDelta(2, "Hel"));

        byte[] ending = relay.interruption(new ProviderError("The provider 'main' failed: cut.", "upstream_error", null,
                "stream_interrupted")).orElseThrow();

        List<JsonNode> events = dataOf(ending);
        assertThat(text(ending)).startsWith("event: error\ndata: ").contains("\n\nevent: response.failed\ndata: ");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).toString()).isEqualTo("{\"type\":\"error\",\"sequence_number\":3,"
                + "\"code\":\"stream_interrupted\",\"message\":\"The provider 'main' failed: cut.\",\"param\":null}");
        JsonNode failed = events.get(1);
        assertThat(failed.get("sequence_number").asLong()).isEqualTo(4);
        assertThat(failed.get("response").get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("response").get("model").asString()).isEqualTo("team-fast");
        assertThat(failed.get("response").get("error").get("code").asString()).isEqualTo("server_error");
        for (String data : dataText(ending)) {
            ObjectMappers.jsonMapper().readValue(data, ResponseStreamEvent.class).validate();
        }
    }

    @Test
    void a_stream_cut_before_its_first_event_ends_with_an_error_event_alone() {
        byte[] ending = relay.interruption(new ProviderError("cut", "upstream_error", null, "stream_interrupted"))
                .orElseThrow();

        assertThat(dataOf(ending)).singleElement()
                .satisfies(e -> assertThat(e.get("sequence_number").asLong()).isZero());
    }

    private static List<String> dataText(byte[] events) {
        List<String> data = new ArrayList<>();
        for (String event : text(events).split("\n\n")) {
            data.add(SseEvents.data(utf8(event + "\n\n")));
        }
        return data;
    }

    private static List<JsonNode> dataOf(byte[] events) {
        return dataText(events).stream().map(JSON::readTree).toList();
    }
}
