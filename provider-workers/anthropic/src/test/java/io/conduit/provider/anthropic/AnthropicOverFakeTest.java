package io.conduit.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.anthropic.internal.Jsons;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.testkit.contract.AdapterHarness;
import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.Usage;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic specifics over real HTTP against the fake: cached and (estimated) reasoning tokens,
 * which the contract's exact check cannot cover, JSON output through the forced tool on models
 * without structured outputs, and the fake's own answers to what the API rejects.
 */
class AnthropicOverFakeTest {

    private static final String KEY = "sk-ant-test-0001";

    private final FakeAnthropic fake = new FakeAnthropic(KEY).start();

    @AfterEach
    void stop() {
        fake.close();
    }

    private AdapterHarness harness(String key) {
        return new AdapterHarness(AnthropicAdapter.create(),
                new ProviderEndpoint("p1", "claude", "anthropic", fake.baseUrl(), key));
    }

    private static String request(boolean stream) {
        return "{\"model\":\"alias\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Think, then answer.\"}],\"reasoning_effort\":\"high\"" + (stream
                ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}" : "}");
    }

    @Test
    void cached_tokens_and_the_reasoning_estimate_are_reported_plain_and_streamed() {
        // 1000 prompt tokens of which 600 read from the cache; 300 output tokens of which the
        // visible "Done thinking." is about 4, so about 296 were thinking
        fake.answer(new FakeAnswer("Done thinking.", "Let me think.", List.of(), FakeAnswer.Finish.STOP,
                new Usage(1000, 300, 600, 200)));
        AdapterHarness harness = harness(KEY);

        AdapterHarness.Plain plain = harness.send(AdapterHarness.inbound(request(false), "claude-sonnet-4-5"));
        AdapterHarness.Streamed streamed = harness.stream(AdapterHarness.inbound(request(true), "claude-sonnet-4-5"));

        TokenUsage expected = new TokenUsage(1000, 300, 600, 296, false);
        assertThat(harness.chat().usage(plain.providerBody())).isEqualTo(expected);
        assertThat(streamed.relay().reportedUsage()).contains(expected);
        JsonNode usage = OpenAiAnswer.fromBody(plain.clientBody()).usage();
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(1000);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(600);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(296);
        assertThat(OpenAiAnswer.fromStream(streamed.clientStream()).usage()).isEqualTo(usage);
        assertThat(OpenAiAnswer.fromStream(streamed.clientStream()).text()).isEqualTo("Done thinking.");
        assertThat(Jsons.read(plain.clientBody()).path("choices").path(0).path("message").path("reasoning_content").asString())
                .isEqualTo("Let me think.");
        JsonNode sent = fake.requests().getFirst().json();
        assertThat(sent.path("thinking").path("type").asString()).isEqualTo("enabled");
        assertThat(sent.path("thinking").path("budget_tokens").asLong()).isEqualTo(16_384);
        assertThat(sent.path("system").asString()).isEqualTo("Be brief.");
    }

    @Test
    void json_output_on_a_model_without_structured_outputs_goes_through_the_forced_tool() {
        String json = "{\"city\":\"Paris\",\"temperature_c\":18}";
        fake.answer(FakeAnswer.text(json, new Usage(30, 12, 0, 0)));
        String body = """
                {"model":"alias","messages":[{"role":"user","content":"Weather in Paris as JSON."}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"weather","schema":
                   {"type":"object","properties":{"city":{"type":"string"},"temperature_c":{"type":"number"}}}}}%s}""";
        AdapterHarness harness = harness(KEY);

        OpenAiAnswer plain = OpenAiAnswer.fromBody(harness.send(AdapterHarness.inbound(body.formatted(""),
                "claude-3-5-sonnet-20241022")).clientBody());
        OpenAiAnswer joined = OpenAiAnswer.fromStream(harness.stream(AdapterHarness.inbound(body.formatted(
                ",\"stream\":true"), "claude-3-5-sonnet-20241022")).clientStream());

        for (OpenAiAnswer answer : List.of(plain, joined)) {
            assertThat(Jsons.read(answer.text())).isEqualTo(Jsons.read(json));
            assertThat(answer.toolCalls()).isEmpty();
            assertThat(answer.finishReason()).isEqualTo("stop");
        }
        assertThat(fake.requests().getFirst().json().path("tool_choice").path("name").asString())
                .isEqualTo("conduit_json_response");
    }

    @Test
    void a_wrong_key_is_a_401_authentication_error() {
        AdapterHarness.Plain result = harness("sk-ant-wrong").send(AdapterHarness.inbound(request(false), "claude-haiku-4-5"));

        assertThat(result.status()).isEqualTo(401);
        assertThat(result.error().kind()).isEqualTo(ProviderException.Kind.AUTHENTICATION);
        assertThat(result.error().error().message()).isEqualTo("invalid x-api-key").doesNotContain("sk-ant-wrong");
        assertThat(Jsons.read(result.providerBody()).path("request_id").asString()).startsWith("req_");
    }

    @Test
    void a_rate_limit_carries_retry_after() {
        fake.retryAfter(Duration.ofSeconds(5));
        fake.fail(429);

        AdapterHarness.Plain result = harness(KEY).send(AdapterHarness.inbound(request(false), "claude-haiku-4-5"));

        assertThat(result.error().kind()).isEqualTo(ProviderException.Kind.RATE_LIMITED);
        assertThat(result.error().retryAfter()).contains(Duration.ofSeconds(5));
    }

    @Test
    void the_fake_rejects_what_anthropic_rejects() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI messages = URI.create(fake.baseUrl() + "/messages");
        String twoUsers = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"user\",\"content\":\"b\"}]}";

        HttpResponse<String> noVersion = http.send(HttpRequest.newBuilder(messages).header("x-api-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(twoUsers)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> notAlternating = http.send(HttpRequest.newBuilder(messages).header("x-api-key", KEY)
                .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(twoUsers)).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noMaxTokens = http.send(HttpRequest.newBuilder(messages).header("x-api-key", KEY)
                .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).contains("anthropic-version");
        assertThat(notAlternating.statusCode()).isEqualTo(400);
        assertThat(Jsons.read(notAlternating.body()).path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(notAlternating.body()).contains("roles must alternate");
        assertThat(notAlternating.headers().firstValue("request-id")).get().asString().startsWith("req_");
        assertThat(noMaxTokens.body()).contains("max_tokens: Field required");
        CapturedRequest captured = fake.requests().getFirst();
        assertThat(captured.path()).isEqualTo("/v1/messages");
    }

    @Test
    void streams_use_anthropic_named_event_framing() throws Exception {
        fake.answer(FakeAnswer.text("Hi", new Usage(3, 1, 0, 0)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fake.baseUrl() + "/messages")).header("x-api-key", KEY)
                        .header("anthropic-version", "2023-06-01")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-x\",\"max_tokens\":10,\"stream\":true,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
        assertThat(response.body()).startsWith("event: message_start\ndata: {\"type\":\"message_start\"")
                .contains("event: ping\ndata: {\"type\":\"ping\"}\n\n")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }
}
