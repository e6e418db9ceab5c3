package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.provider.testkit.Behavior;
import io.conduit.server.support.Gateway;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every way a request can fail gets the right status and an OpenAI error envelope, never a secret. */
class GatewayErrorsIT {

    static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.get();
    }

    @BeforeEach
    void resetUpstream() {
        gateway.upstream.reset();
    }

    /** Asserts the status and envelope; returns the error object. */
    static JsonNode error(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode error = Json.mapper().readTree(response.body()).path("error");
        assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code")).as(response.body()).isTrue();
        assertThat(error.path("code").asString(null)).isEqualTo(code);
        assertThat(response.body()).doesNotContain(Gateway.PROVIDER_KEY, "sk-prov", gateway.upstream.baseUrl(), "127.0.0.1",
                "Exception", "\tat ");
        return error;
    }

    HttpResponse<String> chat(String key, String body) {
        return gateway.post("/v1/chat/completions", key, body);
    }

    @Test
    void missing_unknown_disabled_and_expired_keys_get_401() {
        String body = Gateway.chat(gateway.alias, false);
        String disabled = gateway.key("{\"name\":\"off\",\"enabled\":false}");
        String expired = gateway.key("{\"name\":\"old\",\"expires_at\":\"" + Instant.now().minusSeconds(60) + "\"}");

        error(chat(null, body), 401, "missing_api_key");
        error(chat("condt_" + "A".repeat(40), body), 401, "invalid_api_key");
        error(chat("sk-not-a-conduit-key", body), 401, "invalid_api_key");
        error(chat(disabled, body), 401, "key_disabled");
        error(chat(expired, body), 401, "key_expired");
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void keys_are_accepted_in_each_documented_header() {
        String body = Gateway.chat(gateway.alias, false);

        assertThat(gateway.post("/v1/chat/completions", null, body, "api-key", gateway.key).statusCode()).isEqualTo(200);
        assertThat(gateway.post("/v1/chat/completions", null, body, "X-API-Key", gateway.key).statusCode()).isEqualTo(200);
    }

    @Test
    void a_model_the_key_may_not_use_gets_403_and_an_unknown_alias_404() {
        String restricted = gateway.key("{\"name\":\"narrow\",\"allowed_models\":[\"only-this\",\"team-*\"]}");

        JsonNode forbidden = error(chat(restricted, Gateway.chat(gateway.alias, false)), 403, "model_not_allowed");
        assertThat(forbidden.path("param").asString()).isEqualTo("model");
        error(chat(gateway.key, Gateway.chat("no-such-alias", false)), 404, "model_not_found");
        error(chat(restricted, Gateway.chat("team-unknown", false)), 404, "model_not_found");
    }

    @Test
    void malformed_bodies_get_400_with_the_offending_parameter() {
        error(chat(gateway.key, "{\"model\": \"x\", "), 400, "invalid_json");
        error(chat(gateway.key, "not json at all"), 400, "invalid_json");
        error(chat(gateway.key, "[1,2]"), 400, "invalid_json");
        JsonNode missing = error(chat(gateway.key, "{\"model\":\"" + gateway.alias + "\"}"), 400, "missing_required_parameter");
        assertThat(missing.path("param").asString()).isEqualTo("messages");
        JsonNode wrongType = error(chat(gateway.key, "{\"model\":\"" + gateway.alias + "\",\"messages\":\"hi\"}"), 400, "invalid_type");
        assertThat(wrongType.path("param").asString()).isEqualTo("messages");
        error(chat(gateway.key, "{\"model\":42,\"messages\":[]}"), 400, "invalid_type");
        error(chat(gateway.key, "{\"messages\":[]}"), 400, "missing_required_parameter");
        error(chat(gateway.key, "{\"model\":\"" + gateway.alias + "\",\"messages\":[],\"stream\":\"yes\"}"), 400, "invalid_type");
        error(gateway.post("/v1/embeddings", gateway.key, "{\"model\":\"" + gateway.alias + "\"}"), 400, "missing_required_parameter");
        assertThat(gateway.upstream.requests()).isEmpty();
    }

    @Test
    void a_body_over_the_limit_gets_413() {
        String big = "{\"model\":\"" + gateway.alias + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(Gateway.MAX_BODY_BYTES) + "\"}]}";

        error(chat(gateway.key, big), 413, "request_too_large");
    }

    @Test
    void unknown_urls_get_an_openai_style_404() {
        error(gateway.get("/v1/nothing-here", gateway.key), 404, "unknown_url");
    }

    @Test
    void a_provider_4xx_passes_through_with_its_message_but_not_its_key() {
        String alias = gateway.alias(gateway.provider, "gpt-bad");
        gateway.upstream.behave("gpt-bad", Behavior.badRequest("temperature", "invalid_value",
                "Invalid 'temperature': decimal above maximum value. Key used: " + Gateway.PROVIDER_KEY
                        + " at " + gateway.upstream.baseUrl()));
        String requestId = "bad-" + UUID.randomUUID();

        HttpResponse<String> response = gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, false),
                "x-request-id", requestId);

        JsonNode error = error(response, 400, "invalid_value");
        assertThat(error.path("message").asString()).startsWith("Invalid 'temperature': decimal above maximum value.");
        assertThat(error.path("param").asString()).isEqualTo("temperature");
        UsageEvent event = gateway.usage.forRequest(requestId);
        assertThat(event.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
        assertThat(event.httpStatus()).isEqualTo(400);
        assertThat(event.promptTokens() + event.completionTokens()).isZero();
    }

    @Test
    void a_provider_rate_limit_keeps_429_and_retry_after() {
        String alias = gateway.alias(gateway.provider, "gpt-busy");
        gateway.upstream.behave("gpt-busy", Behavior.rateLimited(Duration.ofSeconds(3)));

        HttpResponse<String> response = chat(gateway.key, Gateway.chat(alias, false));

        error(response, 429, "rate_limit_exceeded");
        assertThat(response.headers().firstValue("retry-after")).contains("3");
    }

    @Test
    void a_provider_that_rejects_our_credential_does_not_leak_it() {
        String wrongKeyProvider = gateway.admin.provider(gateway.upstream.baseUrl(), "sk-wrong-key-9876543210");
        String alias = gateway.alias(wrongKeyProvider, "gpt-4o-mini");

        HttpResponse<String> response = chat(gateway.key, Gateway.chat(alias, false));

        error(response, 401, "invalid_api_key");
        assertThat(response.body()).doesNotContain("sk-wrong", "9876543210");
    }

    @Test
    void a_provider_5xx_becomes_502() {
        String alias = gateway.alias(gateway.provider, "gpt-down");
        gateway.upstream.behave("gpt-down", Behavior.serverError());

        JsonNode error = error(chat(gateway.key, Gateway.chat(alias, false)), 502, "upstream_error");
        assertThat(error.path("type").asString()).isEqualTo("upstream_error");
    }

    @Test
    void an_unreachable_provider_gets_502_and_a_usage_record() {
        String unreachable = gateway.admin.provider("http://127.0.0.1:1/v1", "sk-unused-1234567890");
        String alias = gateway.alias(unreachable, "gpt-4o-mini");
        String requestId = "down-" + UUID.randomUUID();

        error(gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, true), "x-request-id", requestId),
                502, "upstream_unreachable");

        assertThat(gateway.usage.forRequest(requestId).outcome()).isEqualTo(Outcome.UPSTREAM_UNREACHABLE);
    }

    @Test
    void a_provider_that_does_not_answer_in_time_gets_504() {
        String alias = gateway.alias(gateway.provider, "gpt-hang");
        gateway.upstream.behave("gpt-hang", Behavior.hang());
        String requestId = "hang-" + UUID.randomUUID();

        error(gateway.post("/v1/chat/completions", gateway.key, Gateway.chat(alias, false), "x-request-id", requestId),
                504, "upstream_timeout");

        assertThat(gateway.usage.forRequest(requestId).outcome()).isEqualTo(Outcome.UPSTREAM_TIMEOUT);
    }

    @Test
    void keeps_a_well_formed_request_id_and_replaces_a_malformed_one() {
        String body = Gateway.chat(gateway.alias, false);

        assertThat(gateway.post("/v1/chat/completions", gateway.key, body, "x-request-id", "abc-123_x.y:z")
                .headers().firstValue("x-request-id")).contains("abc-123_x.y:z");
        String replaced = gateway.post("/v1/chat/completions", gateway.key, body, "x-request-id", "bad id<script>")
                .headers().firstValue("x-request-id").orElseThrow();
        assertThat(replaced).isNotEqualTo("bad id<script>").matches("[0-9a-f-]{36}");
        assertThat(gateway.post("/v1/chat/completions", null, body).headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void lists_only_the_models_a_key_may_use() {
        String prefix = "team-" + UUID.randomUUID().toString().substring(0, 6);
        gateway.admin.ok("POST", "/api/model-mappings", "{\"alias\":\"" + prefix + "-a\",\"provider\":\""
                + gateway.provider + "\",\"provider_model\":\"m\"}");
        String restricted = gateway.key("{\"name\":\"team\",\"allowed_models\":[\"" + prefix + "-*\"]}");

        JsonNode models = Json.mapper().readTree(gateway.get("/v1/models", restricted).body());

        assertThat(models.path("object").asString()).isEqualTo("list");
        assertThat(models.path("data")).extracting(m -> m.path("id").asString()).containsExactly(prefix + "-a");
        assertThat(Json.mapper().readTree(gateway.get("/v1/models", gateway.key).body()).path("data").size()).isGreaterThan(1);
        error(gateway.get("/v1/models", null), 401, "missing_api_key");
        error(gateway.get("/v1/models/" + gateway.alias, restricted), 404, "model_not_found");
    }
}
