package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.Usage;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.FamilyFake;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.OpenAiSdk;
import io.conduit.server.support.Upstream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic and Gemini failing behind the gateway: an overloaded or rate-limited provider fails
 * over to a deployment of another family before anything reached the client; a request the
 * provider refuses reaches the client as OpenAI's error envelope, not retried, without the
 * provider's key or address.
 */
class ProviderErrorsIT {

    static Gateway gateway;
    static final Map<FamilyFake, Upstream> upstreams = new EnumMap<>(FamilyFake.class);
    /** The other family the failing ones fail over to. */
    static Upstream spare;

    @BeforeAll
    static void start() {
        gateway = Gateway.get();
        for (FamilyFake family : List.of(FamilyFake.ANTHROPIC, FamilyFake.GEMINI)) {
            upstreams.put(family, family.start(gateway.admin));
        }
        spare = FamilyFake.OPENAI.start(gateway.admin);
        spare.fake().answer(FakeAnswer.text("Answered by the spare.", new Usage(8, 5, 0, 0)));
    }

    @AfterAll
    static void stop() {
        upstreams.values().forEach(Upstream::close);
        spare.close();
    }

    /** A fresh alias: the family's model first, the spare's second. */
    private static String aliasWithSpare(Upstream first) {
        String alias = AdminApi.unique("errors");
        gateway.admin.deployment(alias, first.provider(), first.family().chatModel(), 0);
        gateway.admin.deployment(alias, spare.provider(), FamilyFake.OPENAI.chatModel(), 1);
        return gateway.routable(alias, 2);
    }

    @ParameterizedTest(name = "{0} answering {1}, streamed: {2}")
    @CsvSource({"ANTHROPIC, 429, false", "ANTHROPIC, 529, true", "ANTHROPIC, 503, false", "GEMINI, 429, true",
            "GEMINI, 503, false", "GEMINI, 503, true"})
    void a_busy_provider_fails_over_to_another_family(FamilyFake family, int status, boolean stream) {
        Upstream failing = upstreams.get(family);
        failing.fake().fail(status);
        String alias = aliasWithSpare(failing);
        int failingCalls = failing.requestCount();
        String requestId = OpenAiSdk.requestId();

        HttpResponse<String> response = gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, stream),
                "x-request-id", requestId);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-conduit-provider")).contains(spare.provider());
        assertThat(response.headers().firstValue("x-conduit-attempts")).contains("2");
        OpenAiAnswer answer = stream ? OpenAiAnswer.fromStream(response.body())
                : OpenAiAnswer.fromBody(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(answer.text()).isEqualTo("Answered by the spare.");
        assertThat(failing.requestCount()).isEqualTo(failingCalls + 1);
        List<UsageEvent> events = gateway.usage.await(e -> requestId.equals(e.requestId()), 2);
        assertThat(events).hasSize(2);
        assertThat(events).filteredOn(e -> e.outcome() == Outcome.UPSTREAM_ERROR).singleElement().satisfies(e -> {
            assertThat(e.provider()).isEqualTo(failing.provider());
            assertThat(e.httpStatus()).isEqualTo(status);
            assertThat(e.promptTokens() + e.completionTokens()).isZero();
        });
        assertThat(events).filteredOn(e -> e.outcome() == Outcome.OK).singleElement().satisfies(e -> {
            assertThat(e.provider()).isEqualTo(spare.provider());
            assertThat(List.of(e.promptTokens(), e.completionTokens())).containsExactly(8L, 5L);
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = FamilyFake.class, names = {"ANTHROPIC", "GEMINI"})
    void a_refused_request_reaches_the_client_in_the_openai_envelope_without_provider_secrets(FamilyFake family) {
        Upstream failing = upstreams.get(family);
        failing.fake().fail(400);
        String alias = aliasWithSpare(failing);
        int spareCalls = spare.requestCount();

        for (boolean stream : new boolean[] {false, true}) {
            String requestId = OpenAiSdk.requestId();
            HttpResponse<String> response = gateway.post("/v1/chat/completions", gateway.key,
                    Gateway.chat(alias, stream), "x-request-id", requestId);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("x-conduit-attempts")).contains("1");
            JsonNode body = Json.mapper().readTree(response.body());
            assertThat(body.propertyNames()).containsExactly("error");
            assertThat(body.path("error").propertyNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
            assertThat(body.path("error").path("message").asString()).isNotBlank();
            assertThat(body.path("error").path("type").asString()).isEqualTo("invalid_request_error");
            String everything = response.headers().map() + response.body();
            assertThat(everything).doesNotContain(failing.credential())
                    .doesNotContain(failing.fake().baseUrl().getAuthority())
                    .doesNotContain(failing.fake().baseUrl().toString());
            UsageEvent event = gateway.usage.only(requestId);
            assertThat(event.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
            assertThat(event.httpStatus()).isEqualTo(400);
        }
        assertThat(spare.requestCount()).as("a refused request is not retried elsewhere").isEqualTo(spareCalls);
    }
}
