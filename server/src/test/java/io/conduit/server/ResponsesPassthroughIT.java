package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.provider.anthropic.FakeAnthropic;
import io.conduit.provider.openai.fake.FakeOpenAiChat;
import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/responses} with the official OpenAI Java SDK: passed through to an OpenAI
 * provider (which receives the client's Responses body), translated for an Anthropic one, and
 * failing over between the two; one usage event per upstream call, with the provider's tokens.
 */
class ResponsesPassthroughIT {

    private static final String OPENAI_KEY = "sk-openai-fake-0123456789abcdef";
    private static final String ANTHROPIC_KEY = "sk-ant-fake-0123456789abcdef";
    private static final FakeAnswer.Usage OPENAI_USAGE = new FakeAnswer.Usage(21, 9, 4, 3);
    private static final FakeAnswer.Usage ANTHROPIC_USAGE = new FakeAnswer.Usage(17, 6, 5, 0);

    static Gateway gateway;
    static OpenAIClient client;
    static FakeOpenAiChat openAi;
    static FakeOpenAiChat brokenOpenAi;
    static FakeAnthropic anthropic;
    static FakeAnthropic brokenAnthropic;
    static String openAiProvider;
    static String anthropicProvider;

    @BeforeAll
    static void start() {
        gateway = Gateway.get();
        client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(gateway.key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
        openAi = FakeOpenAiChat.openAi(OPENAI_KEY);
        openAi.answer(FakeAnswer.text("Hello from the OpenAI fake.", OPENAI_USAGE));
        brokenOpenAi = FakeOpenAiChat.openAi(OPENAI_KEY);
        brokenOpenAi.fail(500);
        anthropic = new FakeAnthropic(ANTHROPIC_KEY).start();
        anthropic.answer(FakeAnswer.text("Hello from the Anthropic fake.", ANTHROPIC_USAGE));
        brokenAnthropic = new FakeAnthropic(ANTHROPIC_KEY).start();
        brokenAnthropic.fail(500);
        openAiProvider = provider("openai", openAi.baseUrl().toString(), OPENAI_KEY);
        anthropicProvider = provider("anthropic", anthropic.baseUrl().toString(), ANTHROPIC_KEY);
    }

    @AfterAll
    static void stop() {
        openAi.close();
        brokenOpenAi.close();
        anthropic.close();
        brokenAnthropic.close();
    }

    static String provider(String type, String baseUrl, String apiKey) {
        String name = AdminApi.unique("rsp-" + type);
        gateway.admin.ok("POST", "/api/providers", AdminApi.json(Map.of("name", name, "type", type, "base_url", baseUrl,
                "api_key", apiKey)));
        return name;
    }

    /** An alias over (provider, provider model) pairs, tried in that order. */
    static String aliasOver(String... providerAndModel) {
        String alias = AdminApi.unique("rsp");
        for (int i = 0; i < providerAndModel.length; i += 2) {
            gateway.admin.ok("POST", "/api/model-mappings", AdminApi.json(Map.of("alias", alias, "provider",
                    providerAndModel[i], "provider_model", providerAndModel[i + 1], "priority", i / 2)));
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> gateway.get("/v1/models/" + alias, gateway.key).statusCode() == 200);
        return alias;
    }

    static ResponseCreateParams params(String alias) {
        return ResponseCreateParams.builder().model(alias).instructions("Be brief.").input("Say hello").build();
    }

    static List<CapturedRequest> requestsFor(FakeOpenAiChat fake, String providerModel) {
        return fake.requests().stream().filter(r -> r.json().path("model").asString("").equals(providerModel)).toList();
    }

    static List<CapturedRequest> requestsFor(FakeAnthropic fake, String providerModel) {
        return fake.requests().stream().filter(r -> r.json().path("model").asString("").equals(providerModel)).toList();
    }

    /** The usage events of an alias, once {@code count} arrived, checked to be all there are. */
    static List<UsageEvent> usageOf(String alias, int count) {
        gateway.usage.await(e -> alias.equals(e.alias()), count);
        List<UsageEvent> events = gateway.usage.drain(e -> alias.equals(e.alias()));
        assertThat(events).hasSize(count);
        return events;
    }

    static void assertTokens(UsageEvent event, FakeAnswer.Usage usage) {
        assertThat(event.endpoint()).isEqualTo("responses");
        assertThat(event.outcome()).isEqualTo(Outcome.OK);
        assertThat(event.usageEstimated()).isFalse();
        assertThat(event.promptTokens()).isEqualTo(usage.promptTokens());
        assertThat(event.completionTokens()).isEqualTo(usage.completionTokens());
        assertThat(event.cachedTokens()).isEqualTo(usage.cachedTokens());
        assertThat(event.reasoningTokens()).isEqualTo(usage.reasoningTokens());
    }

    static String text(Response response) {
        return response.output().stream().filter(o -> o.isMessage()).flatMap(o -> o.asMessage().content().stream())
                .filter(c -> c.isOutputText()).map(c -> c.asOutputText().text()).reduce("", String::concat);
    }

    static Response streamed(ResponseCreateParams params) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.response();
    }

    @Test
    void openai_gets_the_client_responses_body_and_the_answer_comes_back_as_is() {
        String model = AdminApi.unique("gpt-4.1-mini");
        String alias = aliasOver(openAiProvider, model);

        Response response = client.responses().create(params(alias));

        assertThat(text(response)).isEqualTo("Hello from the OpenAI fake.");
        assertThat(response.model().asString()).isEqualTo(alias);
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(21);
        CapturedRequest sent = requestsFor(openAi, model).getFirst();
        assertThat(sent.path()).isEqualTo("/v1/responses");
        assertThat(sent.header("authorization")).contains("Bearer " + OPENAI_KEY);
        assertThat(sent.json().get("input").asString()).isEqualTo("Say hello");
        assertThat(sent.json().get("instructions").asString()).isEqualTo("Be brief.");
        assertThat(sent.json().get("store").asBoolean()).isFalse();
        assertThat(sent.json().has("messages")).isFalse();
        assertTokens(usageOf(alias, 1).getFirst(), OPENAI_USAGE);
    }

    @Test
    void the_body_passes_byte_for_byte_but_for_model_and_store() {
        String model = AdminApi.unique("gpt-4.1-mini");
        String alias = aliasOver(openAiProvider, model);
        String body = "{\"model\":\"" + alias + "\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"Find news\"}]}],\"tools\":[{\"type\":\"web_search\"}],\"metadata\":{\"team\":\"a\"}}";

        HttpResponse<String> answer = gateway.post("/v1/responses", gateway.key, body);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-conduit-provider")).contains(openAiProvider);
        assertThat(requestsFor(openAi, model).getFirst().bodyText())
                .isEqualTo(body.replace("\"" + alias + "\"", "\"" + model + "\"").replaceAll("}$", ",\"store\":false}"));
        assertThat(Json.mapper().readTree(answer.body()).get("model").asString()).isEqualTo(alias);
    }

    @Test
    void openai_streams_pass_through_with_usage_from_the_completed_event() {
        String model = AdminApi.unique("gpt-4.1-mini");
        String alias = aliasOver(openAiProvider, model);

        Response response = streamed(params(alias));

        assertThat(text(response)).isEqualTo("Hello from the OpenAI fake.");
        assertThat(response.model().asString()).isEqualTo(alias);
        JsonNode sent = requestsFor(openAi, model).getFirst().json();
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.has("stream_options")).isFalse();
        UsageEvent event = usageOf(alias, 1).getFirst();
        assertTokens(event, OPENAI_USAGE);
        assertThat(event.streamed()).isTrue();
    }

    @Test
    void anthropic_gets_a_translated_request_and_the_client_a_response() {
        String model = AdminApi.unique("claude-sonnet-4-5");
        String alias = aliasOver(anthropicProvider, model);

        Response response = client.responses().create(params(alias));

        assertThat(text(response)).isEqualTo("Hello from the Anthropic fake.");
        assertThat(response.model().asString()).isEqualTo(alias);
        CapturedRequest sent = requestsFor(anthropic, model).getFirst();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.json().get("messages").get(0).toString()).contains("Say hello");
        assertTokens(usageOf(alias, 1).getFirst(), ANTHROPIC_USAGE);
    }

    @Test
    void anthropic_streams_are_translated_to_responses_events() {
        String model = AdminApi.unique("claude-sonnet-4-5");
        String alias = aliasOver(anthropicProvider, model);

        Response response = streamed(params(alias));

        assertThat(text(response)).isEqualTo("Hello from the Anthropic fake.");
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(ANTHROPIC_USAGE.completionTokens());
        UsageEvent event = usageOf(alias, 1).getFirst();
        assertTokens(event, ANTHROPIC_USAGE);
        assertThat(event.streamed()).isTrue();
    }

    @Test
    void a_failing_passthrough_deployment_fails_over_to_a_translated_one() {
        String broken = AdminApi.unique("gpt-broken");
        String model = AdminApi.unique("claude-sonnet-4-5");
        String alias = aliasOver(provider("openai", brokenOpenAi.baseUrl().toString(), OPENAI_KEY), broken,
                anthropicProvider, model);

        Response response = client.responses().create(params(alias));

        assertThat(text(response)).isEqualTo("Hello from the Anthropic fake.");
        assertThat(requestsFor(brokenOpenAi, broken)).singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/v1/responses"));
        assertThat(requestsFor(anthropic, model)).hasSize(1);
        List<UsageEvent> events = usageOf(alias, 2);
        assertThat(events).extracting(UsageEvent::outcome).containsExactlyInAnyOrder(Outcome.UPSTREAM_ERROR, Outcome.OK);
        assertTokens(events.stream().filter(e -> e.outcome() == Outcome.OK).findFirst().orElseThrow(), ANTHROPIC_USAGE);
    }

    @Test
    void a_failing_translated_deployment_fails_over_to_a_passthrough_stream() {
        String broken = AdminApi.unique("claude-broken");
        String model = AdminApi.unique("gpt-4.1-mini");
        String alias = aliasOver(provider("anthropic", brokenAnthropic.baseUrl().toString(), ANTHROPIC_KEY), broken,
                openAiProvider, model);

        Response response = streamed(params(alias));

        assertThat(text(response)).isEqualTo("Hello from the OpenAI fake.");
        assertThat(requestsFor(brokenAnthropic, broken)).hasSize(1);
        assertThat(requestsFor(openAi, model)).singleElement()
                .satisfies(r -> assertThat(r.json().get("input").asString()).isEqualTo("Say hello"));
        List<UsageEvent> events = usageOf(alias, 2);
        assertTokens(events.stream().filter(e -> e.outcome() == Outcome.OK).findFirst().orElseThrow(), OPENAI_USAGE);
    }

    @Test
    void what_only_openai_can_do_goes_to_openai_and_is_refused_where_it_would_be_translated() {
        String model = AdminApi.unique("claude-sonnet-4-5");
        String alias = aliasOver(anthropicProvider, model);
        String webSearch = "{\"model\":\"" + alias + "\",\"input\":\"news\",\"tools\":[{\"type\":\"web_search\"}]}";

        HttpResponse<String> refused = gateway.post("/v1/responses", gateway.key, webSearch);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(refused.body()).get("error").get("param").asString()).isEqualTo("tools[0].type");
        assertThat(requestsFor(anthropic, model)).isEmpty();
    }

    @Test
    void stored_state_is_refused_on_both_paths() {
        String openAiAlias = aliasOver(openAiProvider, AdminApi.unique("gpt-4.1-mini"));
        String anthropicAlias = aliasOver(anthropicProvider, AdminApi.unique("claude-sonnet-4-5"));

        for (String alias : List.of(openAiAlias, anthropicAlias)) {
            HttpResponse<String> answer = gateway.post("/v1/responses", gateway.key,
                    "{\"model\":\"" + alias + "\",\"input\":\"more\",\"previous_response_id\":\"resp_123\"}");

            assertThat(answer.statusCode()).as(alias).isEqualTo(400);
            JsonNode error = Json.mapper().readTree(answer.body()).get("error");
            assertThat(error.get("param").asString()).isEqualTo("previous_response_id");
            assertThat(error.get("message").asString()).startsWith("previous_response_id is not supported");
        }
        assertThat(openAi.requests()).noneMatch(r -> r.bodyText().contains("resp_123"));
    }
}
