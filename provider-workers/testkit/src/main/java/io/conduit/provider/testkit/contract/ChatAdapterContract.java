package io.conduit.provider.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import io.conduit.provider.testkit.contract.FakeAnswer.Usage;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The behaviour every chat adapter owes its clients, checked over real HTTP against the
 * provider's fake: plain and streamed answers (the joined stream must equal the plain answer),
 * tools (single, parallel, streamed arguments, tool results), image input, JSON schema output,
 * usage (cached and reasoning tokens), content filtering, each error status and a mid-stream
 * failure. A subclass names its adapter, its fake, and the error statuses its provider documents.
 */
public abstract class ChatAdapterContract {

    protected static final String API_KEY = "test-provider-key-7f3a9c";
    protected static final String MODEL = "test-model";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private ChatProviderFake fake;
    private AdapterHarness harness;

    /** The adapter under test. */
    protected abstract ProviderAdapter adapter();

    /** A new fake of the adapter's provider, started. */
    protected abstract ChatProviderFake startFake();

    /** The endpoint for the fake: its base URL, {@link #API_KEY} (or the family's credential) and settings. */
    protected abstract ProviderEndpoint endpoint(URI baseUrl);

    /** HTTP error statuses the provider documents, with the kind each must map to. */
    protected abstract Map<Integer, ProviderException.Kind> documentedErrors();

    /** Whether the provider reports cached and reasoning tokens. */
    protected boolean reportsCachedAndReasoningTokens() {
        return true;
    }

    @BeforeEach
    final void startProvider() {
        fake = startFake();
        harness = new AdapterHarness(adapter(), endpoint(fake.baseUrl()));
    }

    @AfterEach
    final void stopProvider() {
        fake.close();
    }

    protected ChatProviderFake fake() {
        return fake;
    }

    protected AdapterHarness harness() {
        return harness;
    }

    @Test
    void plain_text_answer_is_an_openai_chat_completion() {
        fake.answer(FakeAnswer.text("Hello from the fake.", new Usage(12, 5, 0, 0)));

        AdapterHarness.Plain result = harness.send(call(simpleRequest(false, false)));

        assertThat(result.status()).isEqualTo(200);
        OpenAiAnswer answer = OpenAiAnswer.fromBody(result.clientBody());
        assertThat(answer.text()).isEqualTo("Hello from the fake.");
        assertThat(answer.finishReason()).isEqualTo("stop");
        assertThat(answer.usage().path("prompt_tokens").asLong()).isEqualTo(12);
        assertThat(answer.usage().path("completion_tokens").asLong()).isEqualTo(5);
        assertThat(answer.usage().path("total_tokens").asLong()).isEqualTo(17);
        assertThat(harness.chat().usage(result.providerBody())).isEqualTo(new TokenUsage(12, 5, 0, 0, false));
        assertThat(fake.requests()).hasSize(1);
        String sent = fake.requests().getFirst().bodyText();
        assertThat(sent).contains("Be brief.").contains("Say hello.");
    }

    @Test
    void streamed_answer_joins_to_the_plain_answer() {
        FakeAnswer told = FakeAnswer.text("Streaming, one piece at a time, with unicode: żółw 🐢.", new Usage(20, 14, 0, 0));
        fake.answer(told);

        OpenAiAnswer plain = OpenAiAnswer.fromBody(harness.send(call(simpleRequest(false, false))).clientBody());
        AdapterHarness.Streamed streamed = harness.stream(call(simpleRequest(true, true)));
        OpenAiAnswer joined = OpenAiAnswer.fromStream(streamed.clientStream());

        assertThat(joined.text()).isEqualTo(told.text()).isEqualTo(plain.text());
        assertThat(joined.finishReason()).isEqualTo("stop");
        assertThat(joined.usage()).isEqualTo(plain.usage());
        assertThat(streamed.relay().completed()).isTrue();
        assertThat(streamed.relay().reportedUsage()).contains(new TokenUsage(20, 14, 0, 0, false));
        assertThat(streamed.relay().generatedText()).contains("Streaming");
    }

    @Test
    void usage_chunk_is_sent_only_when_the_client_asked_for_it() {
        fake.answer(FakeAnswer.text("Short.", new Usage(3, 2, 0, 0)));

        AdapterHarness.Streamed streamed = harness.stream(call(simpleRequest(true, false)));

        assertThat(OpenAiAnswer.fromStream(streamed.clientStream()).usage()).isNull();
        assertThat(streamed.relay().reportedUsage()).contains(new TokenUsage(3, 2, 0, 0, false));
    }

    @Test
    void single_tool_call_plain_and_streamed() {
        FakeAnswer told = FakeAnswer.toolCalls(List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\",\"unit\":\"c\"}")),
                new Usage(40, 18, 0, 0));
        fake.answer(told);

        OpenAiAnswer plain = OpenAiAnswer.fromBody(harness.send(call(toolRequest(false))).clientBody());
        OpenAiAnswer joined = OpenAiAnswer.fromStream(harness.stream(call(toolRequest(true))).clientStream());

        for (OpenAiAnswer answer : List.of(plain, joined)) {
            assertThat(answer.finishReason()).isEqualTo("tool_calls");
            assertThat(answer.toolCalls()).hasSize(1);
            assertThat(answer.toolCalls().getFirst().name()).isEqualTo("get_weather");
            assertThat(answer.toolCalls().getFirst().id()).isNotBlank();
            assertThat(answer.toolCalls().getFirst().arguments()).isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"unit\":\"c\"}"));
        }
        assertThat(joined.toolCalls()).isEqualTo(plain.toolCalls());
        String sent = fake.requests().getFirst().bodyText();
        assertThat(sent).contains("get_weather").contains("Current weather of a city").contains("city");
    }

    @Test
    void parallel_tool_calls_plain_and_streamed() {
        fake.answer(FakeAnswer.toolCalls(List.of(
                new ToolCall("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_b", "get_weather", "{\"city\":\"Tokyo\"}")), new Usage(40, 30, 0, 0)));

        OpenAiAnswer plain = OpenAiAnswer.fromBody(harness.send(call(toolRequest(false))).clientBody());
        OpenAiAnswer joined = OpenAiAnswer.fromStream(harness.stream(call(toolRequest(true))).clientStream());

        assertThat(plain.toolCalls()).extracting(c -> c.arguments().path("city").asString()).containsExactly("Paris", "Tokyo");
        assertThat(joined.toolCalls()).isEqualTo(plain.toolCalls());
        assertThat(joined.toolCalls().get(0).id()).isNotEqualTo(joined.toolCalls().get(1).id());
    }

    @Test
    void tool_results_are_sent_back_to_the_provider() {
        fake.answer(FakeAnswer.text("It is 18 degrees in Paris.", new Usage(60, 9, 0, 0)));

        String body = """
                {"model":"alias","messages":[
                  {"role":"user","content":"Weather in Paris?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18 degrees, sunny"}],
                 "tools":[%s]}""".formatted(WEATHER_TOOL);
        OpenAiAnswer answer = OpenAiAnswer.fromBody(harness.send(call(body)).clientBody());

        assertThat(answer.text()).isEqualTo("It is 18 degrees in Paris.");
        assertThat(fake.requests().getFirst().bodyText()).contains("18 degrees, sunny").contains("Weather in Paris?");
    }

    @Test
    void image_input_is_forwarded() {
        fake.answer(FakeAnswer.text("A single pixel.", new Usage(90, 4, 0, 0)));

        String body = """
                {"model":"alias","messages":[{"role":"user","content":[
                  {"type":"text","text":"What is in this image?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}]}]}""".formatted(PNG_BASE64);
        OpenAiAnswer answer = OpenAiAnswer.fromBody(harness.send(call(body)).clientBody());

        assertThat(answer.text()).isEqualTo("A single pixel.");
        assertThat(fake.requests().getFirst().bodyText()).contains(PNG_BASE64).contains("What is in this image?");
    }

    @Test
    void json_schema_output_is_requested_and_returned() {
        String json = "{\"city\":\"Paris\",\"temperature_c\":18}";
        fake.answer(FakeAnswer.text(json, new Usage(30, 12, 0, 0)));

        String body = """
                {"model":"alias","messages":[{"role":"user","content":"Weather in Paris as JSON."}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"weather","strict":true,"schema":
                   {"type":"object","properties":{"city":{"type":"string"},"temperature_c":{"type":"number"}},
                    "required":["city","temperature_c"],"additionalProperties":false}}}}""";
        OpenAiAnswer plain = OpenAiAnswer.fromBody(harness.send(call(body)).clientBody());
        OpenAiAnswer joined = OpenAiAnswer.fromStream(harness.stream(call(streamed(body))).clientStream());

        assertThat(JSON.readTree(plain.text())).isEqualTo(JSON.readTree(json));
        assertThat(JSON.readTree(joined.text())).isEqualTo(JSON.readTree(json));
        assertThat(fake.requests().getFirst().bodyText()).contains("temperature_c");
    }

    @Test
    void cached_and_reasoning_tokens_are_reported() {
        if (!reportsCachedAndReasoningTokens()) {
            return;
        }
        fake.answer(new FakeAnswer("Done thinking.", "Let me think.", List.of(), FakeAnswer.Finish.STOP,
                new Usage(1000, 300, 600, 200)));

        AdapterHarness.Plain plain = harness.send(call(simpleRequest(false, false)));
        AdapterHarness.Streamed streamed = harness.stream(call(simpleRequest(true, true)));

        TokenUsage expected = new TokenUsage(1000, 300, 600, 200, false);
        assertThat(harness.chat().usage(plain.providerBody())).isEqualTo(expected);
        assertThat(streamed.relay().reportedUsage()).contains(expected);
        var usage = OpenAiAnswer.fromBody(plain.clientBody()).usage();
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(600);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(200);
        assertThat(OpenAiAnswer.fromStream(streamed.clientStream()).usage()).isEqualTo(usage);
    }

    @Test
    void content_filter_stop_is_reported_as_content_filter() {
        fake.answer(new FakeAnswer("", "", List.of(), FakeAnswer.Finish.CONTENT_FILTER, new Usage(10, 0, 0, 0)));

        OpenAiAnswer plain = OpenAiAnswer.fromBody(harness.send(call(simpleRequest(false, false))).clientBody());
        OpenAiAnswer joined = OpenAiAnswer.fromStream(harness.stream(call(simpleRequest(true, false))).clientStream());

        assertThat(plain.finishReason()).isEqualTo("content_filter");
        assertThat(joined.finishReason()).isEqualTo("content_filter");
    }

    @Test
    void mid_stream_failure_is_not_a_completed_answer() {
        fake.failMidStream(FakeAnswer.text("This answer will not finish because", new Usage(10, 50, 0, 0)));

        AdapterHarness.Streamed streamed = harness.stream(call(simpleRequest(true, true)));

        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.relay().completed() && streamed.relay().streamFailure().isEmpty())
                .as("a failed stream must not look completed").isFalse();
        streamed.relay().streamFailure().ifPresent(failure ->
                assertThat(streamed.clientStream()).contains("\"error\""));
    }

    @TestFactory
    Stream<DynamicTest> each_documented_error_maps_to_its_kind() {
        return documentedErrors().entrySet().stream().flatMap(e -> Stream.of(true, false).map(stream ->
                DynamicTest.dynamicTest(e.getKey() + (stream ? " streamed" : " plain") + " → " + e.getValue(), () -> {
                    fake.fail(e.getKey());
                    ProviderException error = stream
                            ? harness.stream(call(simpleRequest(true, false))).error()
                            : harness.send(call(simpleRequest(false, false))).error();
                    assertThat(error).isNotNull();
                    assertThat(error.kind()).isEqualTo(e.getValue());
                    assertThat(error.upstreamStatus()).isEqualTo(e.getKey());
                    assertThat(error.error().message()).isNotBlank().doesNotContain(API_KEY);
                    assertThat(error instanceof ProviderException.Retriable).isEqualTo(e.getValue().retriable());
                })));
    }

    protected static final String WEATHER_TOOL = """
            {"type":"function","function":{"name":"get_weather","description":"Current weather of a city",
             "parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},
             "required":["city"]}}}""";

    protected static String simpleRequest(boolean stream, boolean includeUsage) {
        return """
                {"model":"alias","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello."}],
                 "max_tokens":256%s}""".formatted(stream
                ? ",\"stream\":true" + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "") : "");
    }

    protected static String toolRequest(boolean stream) {
        return """
                {"model":"alias","messages":[{"role":"user","content":"Weather in Paris and Tokyo?"}],
                 "tools":[%s],"tool_choice":"auto"%s}""".formatted(WEATHER_TOOL, stream
                ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "");
    }

    protected static String streamed(String body) {
        int end = body.lastIndexOf('}');
        return body.substring(0, end) + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    }

    protected static io.conduit.provider.spi.InboundCall call(String body) {
        return AdapterHarness.inbound(body, MODEL);
    }
}
