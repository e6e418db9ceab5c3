package io.conduit.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each benchmark body, run once on the committed payloads, does the full translation it claims
 * to measure (and not an error path): the answer's text, finish and usage come out whole.
 */
class BenchmarkPayloadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(Provider.class)
    void request_and_answer_map_completely(Provider provider) {
        RequestBenchmark bench = new RequestBenchmark();
        bench.provider = provider.id();
        bench.setUp();

        UpstreamRequest request = bench.request();
        String body = new String(request.body(), StandardCharsets.UTF_8);
        assertThat(request.uri().getHost()).isEqualTo(provider.endpoint().baseUrl().getHost());
        assertThat(body).contains("get_weather", "concise travel assistant", "Alfama", "jacket on Friday");

        JsonNode answer = JSON.readTree(bench.responseBody());
        assertThat(answer.path("choices").path(0).path("message").path("content").asString())
                .isEqualTo(Payloads.ANSWER_TEXT);
        assertThat(answer.path("choices").path(0).path("finish_reason").asString()).isEqualTo("stop");
        TokenUsage usage = bench.usage();
        assertThat(usage.promptTokens()).isEqualTo(412);
        assertThat(usage.completionTokens()).isEqualTo(96);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void stream_relays_the_whole_answer(Provider provider) {
        StreamBenchmark bench = new StreamBenchmark();
        bench.setUp();
        StreamBenchmark.Fixture fixture = switch (provider) {
            case OPENAI -> bench.openai;
            case ANTHROPIC -> bench.anthropic;
            case GEMINI -> bench.gemini;
            case BEDROCK -> bench.bedrock;
            case COHERE -> bench.cohere;
        };
        ByteArrayOutputStream client = new ByteArrayOutputStream();

        StreamRelay relay = fixture.relay(out -> {
            if (out != null) {
                client.writeBytes(out);
            }
        });

        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonNode chunk : dataEvents(client.toString(StandardCharsets.UTF_8))) {
            JsonNode choice = chunk.path("choices").path(0);
            text.append(choice.path("delta").path("content").asString(""));
            if (choice.path("finish_reason").isString()) {
                finish = choice.path("finish_reason").asString();
            }
        }
        assertThat(text.toString()).isEqualTo(Payloads.ANSWER_TEXT);
        assertThat(finish).isEqualTo("stop");
        assertThat(relay.completed()).isTrue();
        assertThat(relay.streamFailure()).isEmpty();
        assertThat(relay.reportedUsage()).hasValueSatisfying(usage -> {
            assertThat(usage.promptTokens()).isEqualTo(412);
            assertThat(usage.completionTokens()).isEqualTo(96);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages", "responses"})
    void dialects_translate_request_answer_and_stream(String dialect) {
        DialectBenchmark bench = new DialectBenchmark();
        bench.dialect = dialect;
        bench.setUp();
        boolean messages = dialect.equals("messages");

        assertThat(new String(bench.request().chatBody(), StandardCharsets.UTF_8))
                .contains("get_weather", "concise travel assistant", "Alfama", "jacket on Friday");

        JsonNode answer = JSON.readTree(bench.response());
        JsonNode text = messages ? answer.path("content").path(0).path("text")
                : answer.path("output").path(0).path("content").path(0).path("text");
        assertThat(text.asString()).isEqualTo(Payloads.ANSWER_TEXT);

        ByteArrayOutputStream client = new ByteArrayOutputStream();
        bench.stream(client::writeBytes);
        StringBuilder streamed = new StringBuilder();
        String last = null;
        for (JsonNode event : dataEvents(client.toString(StandardCharsets.UTF_8))) {
            last = event.path("type").asString();
            streamed.append(messages ? event.path("delta").path("text").asString("")
                    : last.equals("response.output_text.delta") ? event.path("delta").asString() : "");
        }
        assertThat(streamed.toString()).isEqualTo(Payloads.ANSWER_TEXT);
        assertThat(last).isEqualTo(messages ? "message_stop" : "response.completed");
    }

    @Test
    void stream_event_counts_match_the_benchmark_divisors() {
        assertThat(Payloads.events(Provider.OPENAI)).hasSize(StreamBenchmark.OPENAI_EVENTS);
        assertThat(Payloads.events(Provider.ANTHROPIC)).hasSize(StreamBenchmark.ANTHROPIC_EVENTS);
        assertThat(Payloads.events(Provider.GEMINI)).hasSize(StreamBenchmark.GEMINI_EVENTS);
        assertThat(Payloads.events(Provider.BEDROCK)).hasSize(StreamBenchmark.BEDROCK_EVENTS);
        assertThat(Payloads.events(Provider.COHERE)).hasSize(StreamBenchmark.COHERE_EVENTS);
    }

    /** The JSON of each {@code data:} line of an SSE stream, skipping {@code [DONE]}. */
    private static java.util.List<JsonNode> dataEvents(String sse) {
        return sse.lines()
                .filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(5).strip())
                .filter(data -> !data.equals("[DONE]"))
                .map(JSON::readTree)
                .toList();
    }
}
