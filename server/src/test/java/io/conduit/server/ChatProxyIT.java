package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.provider.testkit.Behavior;
import io.conduit.provider.testkit.FakeOpenAi;
import io.conduit.provider.testkit.RecordedRequest;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.Gateway;
import io.conduit.server.support.UsageEvents;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The gateway's chat, embeddings and models APIs against a fake OpenAI upstream, on real Kafka, PostgreSQL and S3. */
class ChatProxyIT {

    static Gateway gateway;
    static FakeOpenAi upstream;
    static AdminApi admin;
    static UsageEvents usage;
    static String provider;
    static String alias;
    static String key;

    @BeforeAll
    static void start() {
        gateway = Gateway.get();
        upstream = gateway.upstream;
        admin = gateway.admin;
        usage = gateway.usage;
        provider = gateway.provider;
        alias = gateway.alias;
        key = gateway.key;
    }

    @BeforeEach
    void resetUpstream() {
        upstream.reset();
    }

    static HttpResponse<String> post(String path, String apiKey, String body, String... headers) {
        return gateway.post(path, apiKey, body, headers);
    }

    static String chat(String model, boolean stream) {
        return Gateway.chat(model, stream);
    }

    static String requestId() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void serves_a_plain_chat_completion_and_records_one_usage_event() {
        String requestId = requestId();
        HttpResponse<String> response = post("/v1/chat/completions", key, chat(alias, false), "x-request-id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-request-id")).contains(requestId);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asString()).isEqualTo("Hello from fake");
        RecordedRequest sent = upstream.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        assertThat(sent.model()).contains("gpt-4o-mini");
        assertThat(sent.bearerToken()).contains(Gateway.PROVIDER_KEY);

        UsageEvent event = usage.forRequest(requestId);
        assertThat(event.outcome()).isEqualTo(Outcome.OK);
        assertThat(event.alias()).isEqualTo(alias);
        assertThat(event.provider()).isEqualTo(provider);
        assertThat(event.providerModel()).isEqualTo("gpt-4o-mini");
        assertThat(event.promptTokens()).isEqualTo(body.path("usage").path("prompt_tokens").asLong());
        assertThat(event.completionTokens()).isEqualTo(3);
        assertThat(event.usageEstimated()).isFalse();
        assertThat(event.streamed()).isFalse();
        assertThat(event.httpStatus()).isEqualTo(200);
        assertThat(event.timeToFirstTokenMs()).isNotNull();
        assertThat(event.id()).isNotEqualTo(requestId);
        assertThat(usage.drain(e -> requestId.equals(e.requestId()))).hasSize(1);
    }

    @Test
    void forwards_the_body_byte_for_byte_except_the_model() {
        String body = "{ \"model\" : \"" + alias + "\",\n \"messages\":[{\"role\":\"user\",\"content\":\"h\\u00e9 \\\"x\\\"\"}],"
                + " \"temperature\": 0.25, \"x_custom\": {\"a\": [1, 2.5e3, null]} }";

        assertThat(post("/v1/chat/completions", key, body).statusCode()).isEqualTo(200);

        String forwarded = upstream.awaitRequests(1, Duration.ofSeconds(5)).getFirst().bodyAsString();
        assertThat(forwarded).isEqualTo(body.replace("\"" + alias + "\"", "\"gpt-4o-mini\""));
    }

    @Test
    void streams_the_chunks_and_drops_the_usage_chunk_the_client_did_not_ask_for() {
        upstream.behave("gpt-4o-mini", Behavior.reply("One", " two", " three"));
        String requestId = requestId();

        HttpResponse<String> response = post("/v1/chat/completions", key, chat(alias, true), "x-request-id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> events = Arrays.asList(response.body().split("\n\n"));
        assertThat(events.getLast()).isEqualTo("data: [DONE]");
        assertThat(events).noneMatch(e -> e.contains("\"choices\":[]"));
        assertThat(String.join("", events.stream().filter(e -> e.contains("\"content\":\"")).map(ChatProxyIT::content).toList()))
                .isEqualTo("One two three");
        JsonNode sent = upstream.awaitRequests(1, Duration.ofSeconds(5)).getFirst().json().orElseThrow();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();

        UsageEvent event = usage.forRequest(requestId);
        assertThat(event.outcome()).isEqualTo(Outcome.OK);
        assertThat(event.streamed()).isTrue();
        assertThat(event.completionTokens()).isEqualTo(3);
        assertThat(event.usageEstimated()).isFalse();
    }

    @Test
    void keeps_the_usage_chunk_when_the_client_asked_for_it() {
        String body = "{\"model\":\"" + alias + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        HttpResponse<String> response = post("/v1/chat/completions", key, body);

        List<String> events = Arrays.asList(response.body().split("\n\n"));
        assertThat(events.get(events.size() - 2)).contains("\"choices\":[]", "\"prompt_tokens\"");
    }

    @Test
    void serves_embeddings_and_records_their_usage() {
        String requestId = requestId();
        HttpResponse<String> response = post("/v1/embeddings", key,
                "{\"model\":\"" + alias + "\",\"input\":[\"one two\",\"three\"]}", "x-request-id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).path("data").size()).isEqualTo(2);
        UsageEvent event = usage.forRequest(requestId);
        assertThat(event.endpoint()).isEqualTo("embeddings");
        assertThat(event.promptTokens()).isEqualTo(3);
    }

    @Test
    void a_stream_cut_by_the_provider_ends_with_an_error_event_and_is_accounted() {
        String cutAlias = gateway.alias(provider, "gpt-cut");
        upstream.behave("gpt-cut", Behavior.reply("a", " b", " c", " d").cutAfter(2));
        String requestId = requestId();

        HttpResponse<String> response = post("/v1/chat/completions", key, chat(cutAlias, true), "x-request-id", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = Arrays.asList(response.body().split("\n\n"));
        assertThat(events.getLast()).startsWith("data: {\"error\":").contains("stream_interrupted");
        assertThat(events).doesNotContain("data: [DONE]");
        UsageEvent event = usage.forRequest(requestId);
        assertThat(event.outcome()).isEqualTo(Outcome.UPSTREAM_CUT);
        assertThat(event.usageEstimated()).isTrue();
        assertThat(event.promptTokens()).isPositive();
    }

    @Test
    void client_disconnect_cancels_the_upstream_within_100_ms_and_is_accounted() throws Exception {
        String slowAlias = gateway.alias(provider, "gpt-slow");
        upstream.behave("gpt-slow", Behavior.reply("x".repeat(3).split("")).withChunkDelay(Duration.ofMillis(300)));
        String requestId = requestId();
        byte[] body = chat(slowAlias, true).getBytes(StandardCharsets.UTF_8);
        Instant closedAt;
        try (Socket socket = new Socket("127.0.0.1", gateway.server.ingressPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nx-request-id: " + requestId + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String received = "";
            while (!received.contains("\"content\":\"x\"")) {
                byte[] buffer = new byte[4096];
                int n = in.read(buffer);
                assertThat(n).isPositive();
                received += new String(buffer, 0, n, StandardCharsets.UTF_8);
            }
            closedAt = Instant.now();
        }

        RecordedRequest upstreamCall = upstream.awaitRequests(1, Duration.ofSeconds(5)).getFirst();
        Instant upstreamClosed = upstreamCall.awaitClientDisconnect(Duration.ofSeconds(2));
        assertThat(Duration.between(closedAt, upstreamClosed)).isLessThan(Duration.ofMillis(100));
        UsageEvent event = usage.forRequest(requestId);
        assertThat(event.outcome()).isEqualTo(Outcome.CLIENT_ABORTED);
        assertThat(event.usageEstimated()).isTrue();
        assertThat(event.completionTokens()).isPositive();
        assertThat(event.promptTokens()).isPositive();
    }

    static String content(String event) {
        JsonNode chunk = Json.mapper().readTree(event.substring("data: ".length()));
        return chunk.path("choices").get(0).path("delta").path("content").asString("");
    }
}
