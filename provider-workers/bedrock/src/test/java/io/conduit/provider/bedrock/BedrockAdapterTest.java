package io.conduit.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ModelFeature;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.testkit.contract.AdapterHarness;
import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.Usage;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The adapter against {@link FakeBedrock} over HTTP: Bedrock specifics beyond the chat contract. */
class BedrockAdapterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHAT = """
            {"model":"alias","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello."}]%s}""";
    private static final String STREAM = ",\"stream\":true,\"stream_options\":{\"include_usage\":true}";

    private FakeBedrock fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private AdapterHarness harness(FakeBedrock started, String apiKey, Map<String, String> settings, Clock clock) {
        fake = started;
        return new AdapterHarness(BedrockAdapter.create(clock),
                new ProviderEndpoint("p", "bedrock-test", "bedrock", fake.baseUrl(), apiKey, settings));
    }

    private AdapterHarness harness(String apiKey, Map<String, String> settings) {
        return harness(new FakeBedrock().start(), apiKey, settings, Clock.systemUTC());
    }

    @Test
    void cached_input_tokens_are_reported_plain_and_streamed() {
        AdapterHarness harness = harness(FakeBedrock.accessKeyCredential(), Map.of());
        fake.answer(FakeAnswer.text("Cached.", new Usage(1000, 300, 600, 0)));

        AdapterHarness.Plain plain = harness.send(AdapterHarness.inbound(CHAT.formatted(""), "anthropic.claude-3-haiku-20240307-v1:0"));
        AdapterHarness.Streamed streamed = harness.stream(AdapterHarness.inbound(CHAT.formatted(STREAM), "anthropic.claude-3-haiku-20240307-v1:0"));

        TokenUsage expected = new TokenUsage(1000, 300, 600, 0, false);
        assertThat(harness.chat().usage(plain.providerBody())).isEqualTo(expected);
        assertThat(streamed.relay().reportedUsage()).contains(expected);
        var usage = OpenAiAnswer.fromBody(plain.clientBody()).usage();
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(600);
        assertThat(OpenAiAnswer.fromStream(streamed.clientStream()).usage()).isEqualTo(usage);
    }

    @Test
    void model_ids_with_colons_reach_bedrock_encoded_and_signed() {
        AdapterHarness harness = harness(FakeBedrock.accessKeyCredential(), Map.of());

        AdapterHarness.Plain plain = harness.send(AdapterHarness.inbound(CHAT.formatted(""), "us.anthropic.claude-sonnet-4-20250514-v1:0"));

        assertThat(plain.status()).isEqualTo(200);
        CapturedRequest request = fake.requests().getFirst();
        assertThat(request.path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse");
        assertThat(request.header("authorization")).hasValueSatisfying(a -> assertThat(a).contains("/us-east-1/bedrock/aws4_request"));
        assertThat(request.json().path("system").path(0).path("text").asString()).isEqualTo("Be brief.");
    }

    @Test
    void temporary_credentials_and_bedrock_api_keys_are_accepted() {
        AdapterHarness session = harness(FakeBedrock.accessKeyCredential() + ":IQoJb3JpZ2luX2VjEXAMPLETOKEN", Map.of());
        assertThat(session.send(AdapterHarness.inbound(CHAT.formatted(""), "amazon.nova-pro-v1:0")).status()).isEqualTo(200);
        assertThat(fake.requests().getFirst().header("x-amz-security-token")).contains("IQoJb3JpZ2luX2VjEXAMPLETOKEN");
        fake.close();

        AdapterHarness bearer = harness(FakeBedrock.API_KEY, Map.of());
        assertThat(bearer.stream(AdapterHarness.inbound(CHAT.formatted(STREAM), "amazon.nova-pro-v1:0")).relay().completed()).isTrue();
        assertThat(fake.requests().getFirst().header("authorization")).contains("Bearer " + FakeBedrock.API_KEY);
    }

    @Test
    void a_wrong_secret_is_refused_with_403_and_reported_as_an_authentication_failure() {
        AdapterHarness harness = harness(FakeBedrock.ACCESS_KEY_ID + ":not-the-secret", Map.of());

        ProviderException plain = harness.send(AdapterHarness.inbound(CHAT.formatted(""), "amazon.nova-pro-v1:0")).error();
        ProviderException streamed = harness.stream(AdapterHarness.inbound(CHAT.formatted(STREAM), "amazon.nova-pro-v1:0")).error();

        for (ProviderException e : new ProviderException[] {plain, streamed}) {
            assertThat(e.upstreamStatus()).isEqualTo(403);
            assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
            assertThat(e.error().code()).isEqualTo("InvalidSignatureException");
            assertThat(e.error().message()).startsWith("The request signature we calculated does not match")
                    .doesNotContain("Canonical String").doesNotContain("not-the-secret");
        }
    }

    @Test
    void unknown_keys_wrong_api_keys_wrong_regions_and_stale_clocks_are_refused() {
        AdapterHarness unknown = harness("SOMEOTHERKEYID:secret", Map.of());
        assertThat(unknown.send(AdapterHarness.inbound(CHAT.formatted(""), "m")).error().error().code())
                .isEqualTo("UnrecognizedClientException");
        fake.close();

        AdapterHarness wrongApiKey = harness("not-a-valid-bedrock-api-key", Map.of());
        assertThat(wrongApiKey.send(AdapterHarness.inbound(CHAT.formatted(""), "m")).error().kind()).isEqualTo(Kind.AUTHENTICATION);
        fake.close();

        FakeBedrock frankfurt = new FakeBedrock("eu-central-1", Clock.systemUTC()).start();
        AdapterHarness defaultRegion = harness(frankfurt, FakeBedrock.accessKeyCredential(), Map.of(), Clock.systemUTC());
        ProviderException wrongRegion = defaultRegion.send(AdapterHarness.inbound(CHAT.formatted(""), "m")).error();
        assertThat(wrongRegion.error().message()).contains("Credential should be scoped to a valid region");
        AdapterHarness rightRegion = new AdapterHarness(BedrockAdapter.create(), new ProviderEndpoint("p", "bedrock-test",
                "bedrock", frankfurt.baseUrl(), FakeBedrock.accessKeyCredential(), Map.of("region", "eu-central-1")));
        assertThat(rightRegion.send(AdapterHarness.inbound(CHAT.formatted(""), "m")).status()).isEqualTo(200);
        fake.close();

        Clock stale = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
        AdapterHarness staleClock = harness(new FakeBedrock().start(), FakeBedrock.accessKeyCredential(), Map.of(), stale);
        assertThat(staleClock.send(AdapterHarness.inbound(CHAT.formatted(""), "m")).error().error().message())
                .startsWith("Signature expired");
    }

    @Test
    void json_schema_goes_natively_when_the_setting_says_so() {
        AdapterHarness harness = harness(FakeBedrock.accessKeyCredential(), Map.of("structured_output", "native"));
        String json = "{\"city\":\"Paris\",\"c\":18}";
        fake.answer(FakeAnswer.text(json, new Usage(20, 9, 0, 0)));
        String body = """
                {"model":"alias","messages":[{"role":"user","content":"Weather as JSON"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"weather","schema":{"type":"object",
                   "properties":{"city":{"type":"string"},"c":{"type":"number"}},"required":["city","c"]}}}%s}""";

        OpenAiAnswer plain = OpenAiAnswer.fromBody(harness.send(AdapterHarness.inbound(body.formatted(""), "m")).clientBody());
        OpenAiAnswer joined = OpenAiAnswer.fromStream(harness.stream(AdapterHarness.inbound(body.formatted(STREAM), "m")).clientStream());

        assertThat(JSON.readTree(plain.text())).isEqualTo(JSON.readTree(json));
        assertThat(JSON.readTree(joined.text())).isEqualTo(JSON.readTree(json));
        assertThat(fake.requests().getFirst().json().path("outputConfig").path("textFormat").path("type").asString())
                .isEqualTo("json_schema");
        assertThat(fake.requests().getFirst().json().has("toolConfig")).isFalse();
    }

    @Test
    void a_model_not_ready_is_overloaded_and_a_quota_error_is_a_rate_limit() {
        AdapterHarness harness = harness(FakeBedrock.accessKeyCredential(), Map.of());

        fake.fail(429, "ModelNotReadyException");
        ProviderException notReady = harness.send(AdapterHarness.inbound(CHAT.formatted(""), "m")).error();
        fake.fail(400, "ServiceQuotaExceededException");
        ProviderException quota = harness.stream(AdapterHarness.inbound(CHAT.formatted(STREAM), "m")).error();

        assertThat(notReady.kind()).isEqualTo(Kind.OVERLOADED);
        assertThat(quota.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(quota).isInstanceOf(ProviderException.Retriable.class);
    }

    @Test
    void a_mid_stream_exception_is_a_retriable_stream_failure_sent_to_the_client_as_an_error_event() {
        AdapterHarness harness = harness(FakeBedrock.accessKeyCredential(), Map.of());
        fake.failMidStream(FakeAnswer.text("This answer will not finish", new Usage(5, 5, 0, 0)));

        AdapterHarness.Streamed streamed = harness.stream(AdapterHarness.inbound(CHAT.formatted(STREAM), "m"));

        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.relay().streamFailure()).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(f.error().code()).isEqualTo("modelStreamErrorException");
        });
        assertThat(streamed.clientStream()).contains("\"content\":\"This \"").contains("\"error\"").doesNotContain("[DONE]");
    }

    @Test
    void model_capabilities_come_from_the_model_id() {
        BedrockAdapter adapter = BedrockAdapter.create();

        assertThat(adapter.id()).isEqualTo("bedrock");
        assertThat(adapter.modelCapabilities("us.anthropic.claude-sonnet-4-20250514-v1:0").features())
                .containsExactlyInAnyOrder(ModelFeature.VISION, ModelFeature.TOOLS, ModelFeature.REASONING);
        assertThat(adapter.modelCapabilities("unknown.model-v1").contextWindow()).isZero();
    }
}
