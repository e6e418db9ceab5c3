package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.provider.testkit.Behavior;
import io.conduit.provider.testkit.RecordedRequest;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps answering while deployments fail: retries move to the next deployment before the first byte, never after. */
class FailoverIT {

    static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.get();
    }

    /** An alias over the given provider models, tried in that order (priority 0, 1, 2 …). */
    static String aliasOver(String... providerModels) {
        String alias = AdminApi.unique("failover");
        for (int i = 0; i < providerModels.length; i++) {
            gateway.admin.ok("POST", "/api/model-mappings", "{\"alias\":\"" + alias + "\",\"provider\":\"" + gateway.provider
                    + "\",\"provider_model\":\"" + providerModels[i] + "\",\"priority\":" + i + "}");
        }
        // every deployment, not just the alias: each mapping propagates on its own
        return gateway.routable(alias, providerModels.length);
    }

    static long requestsFor(String providerModel) {
        return gateway.upstream.requests().stream().filter(r -> r.model().orElse("").equals(providerModel)).count();
    }

    @Test
    void a_thousand_requests_succeed_while_two_of_three_deployments_fail() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String broken = "fo-500-" + suffix;
        String limited = "fo-429-" + suffix;
        String healthy = "fo-ok-" + suffix;
        gateway.upstream.behave(broken, Behavior.serverError());
        gateway.upstream.behave(limited, Behavior.rateLimited(Duration.ofSeconds(1)));
        gateway.upstream.behave(healthy, Behavior.reply());
        String alias = aliasOver(broken, limited, healthy);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();

        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 1000; i++) {
                boolean stream = i % 2 == 0;
                responses.add(pool.submit(() -> gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, stream))));
            }
        }

        for (Future<HttpResponse<String>> response : responses) {
            HttpResponse<String> r = response.get();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-conduit-model")).contains(healthy);
            assertThat(r.headers().firstValue("x-conduit-provider")).contains(gateway.provider);
            assertThat(Integer.parseInt(r.headers().firstValue("x-conduit-attempts").orElseThrow())).isBetween(1, 3);
        }
        assertThat(requestsFor(healthy)).isEqualTo(1000);
        assertThat(requestsFor(broken)).as("the failing deployment is taken out of rotation").isLessThan(50);
        assertThat(requestsFor(limited)).as("the rate-limited one is rested as Retry-After asks").isLessThan(50);
    }

    @Test
    void each_failed_attempt_is_recorded_without_tokens_and_the_answer_once() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        gateway.upstream.behave("fo-down-" + suffix, Behavior.overloaded());
        gateway.upstream.behave("fo-up-" + suffix, Behavior.reply());
        String alias = aliasOver("fo-down-" + suffix, "fo-up-" + suffix);
        String requestId = "failover-" + UUID.randomUUID();

        HttpResponse<String> response = gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, false),
                "x-request-id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-conduit-attempts")).contains("2");
        List<UsageEvent> events = gateway.usage.await(e -> requestId.equals(e.requestId()), 2);
        assertThat(events).extracting(UsageEvent::outcome).containsExactlyInAnyOrder(Outcome.UPSTREAM_ERROR, Outcome.OK);
        UsageEvent failed = events.stream().filter(e -> e.outcome() == Outcome.UPSTREAM_ERROR).findFirst().orElseThrow();
        assertThat(failed.promptTokens() + failed.completionTokens()).isZero();
        assertThat(events).extracting(UsageEvent::id).doesNotHaveDuplicates();
    }

    @Test
    void a_hanging_deployment_costs_at_most_the_per_try_timeout_plus_250_ms() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        gateway.upstream.behave("fo-hang-" + suffix, Behavior.hang());
        gateway.upstream.behave("fo-fine-" + suffix, Behavior.reply());
        String alias = aliasOver("fo-hang-" + suffix, "fo-fine-" + suffix);
        String requestId = "hang-" + UUID.randomUUID();

        HttpResponse<String> response = gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, true),
                "x-request-id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-conduit-model")).contains("fo-fine-" + suffix);
        // the gateway's own clock, not the test's: how long the hanging attempt held the request
        UsageEvent hung = gateway.usage.await(e -> requestId.equals(e.requestId()), 2).stream()
                .filter(e -> e.outcome() == Outcome.UPSTREAM_TIMEOUT).findFirst().orElseThrow();
        assertThat(hung.providerModel()).isEqualTo("fo-hang-" + suffix);
        assertThat(Duration.ofMillis(hung.latencyMs())).isLessThan(Gateway.TRY_TIMEOUT.plusMillis(250));
    }

    @Test
    void a_stream_cut_after_the_first_byte_is_not_retried() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        gateway.upstream.behave("fo-cut-" + suffix, Behavior.reply("a", " b", " c").cutAfter(2));
        gateway.upstream.behave("fo-spare-" + suffix, Behavior.reply());
        String alias = aliasOver("fo-cut-" + suffix, "fo-spare-" + suffix);
        String requestId = "cut-" + UUID.randomUUID();

        HttpResponse<String> response = gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, true),
                "x-request-id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("stream_interrupted").doesNotContain("[DONE]");
        assertThat(requestsFor("fo-spare-" + suffix)).isZero();
        assertThat(gateway.usage.forRequest(requestId).outcome()).isEqualTo(Outcome.UPSTREAM_CUT);
        assertThat(gateway.upstream.requests()).extracting(RecordedRequest::model).isNotEmpty();
    }

    @Test
    void client_errors_are_never_retried() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        gateway.upstream.behave("fo-400-" + suffix, Behavior.badRequest("messages", "invalid_value", "Bad messages."));
        gateway.upstream.behave("fo-never-" + suffix, Behavior.reply());
        String alias = aliasOver("fo-400-" + suffix, "fo-never-" + suffix);

        HttpResponse<String> response = gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, false));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-conduit-attempts")).contains("1");
        assertThat(requestsFor("fo-never-" + suffix)).isZero();
    }

    @Test
    void a_request_may_choose_its_routing_strategy() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alias = aliasOver("fo-a-" + suffix, "fo-b-" + suffix);

        HttpResponse<String> bad = gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, false),
                "x-conduit-routing-strategy", "fastest-please");
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, false),
                    "x-conduit-routing-strategy", "round_robin").headers().firstValue("x-conduit-model").orElseThrow());
        }

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(served).contains("fo-a-" + suffix);
    }
}
