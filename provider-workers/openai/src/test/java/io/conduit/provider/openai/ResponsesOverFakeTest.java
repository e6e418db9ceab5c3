package io.conduit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.ObjectMappers;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseStreamEvent;
import io.conduit.provider.openai.fake.FakeFlavor;
import io.conduit.provider.openai.fake.FakeOpenAiChat;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderError;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.Responses;
import io.conduit.provider.spi.StreamDecoder;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.sse.SseEvents;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Responses pass-through over real HTTP against the fake OpenAI: plain and streamed answers
 * read as the official SDK reads them, usage, errors, a cut stream, and Azure's URLs.
 */
class ResponsesOverFakeTest {

    private static final String KEY = "sk-fake-responses-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final FakeAnswer ANSWER = FakeAnswer.text("Hello from the fake Responses API.",
            new FakeAnswer.Usage(21, 9, 4, 3));

    private FakeOpenAiChat fake;

    @AfterEach
    void stop() {
        fake.close();
    }

    private Responses openAi() {
        fake = FakeOpenAiChat.openAi(KEY);
        return OpenAiAdapter.openAi().responses().orElseThrow();
    }

    private ProviderEndpoint endpoint(String type, Map<String, String> settings) {
        return new ProviderEndpoint("p", "fake", type, fake.baseUrl(), KEY, settings);
    }

    private static InboundCall call(String body) {
        return AdapterCalls.call(body, "gpt-4.1-mini", body.contains("\"stream\":true"), false);
    }

    private record Answer(int status, byte[] body) {}

    private static Answer post(UpstreamRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a client receives: each provider event through the decoder and relay, in small pieces. */
    private static String relayed(Responses responses, InboundCall call, byte[] providerStream, StreamRelay relay) {
        StreamDecoder decoder = responses.streamDecoder();
        StringBuilder client = new StringBuilder();
        for (int from = 0; from < providerStream.length; from += 7) {
            byte[] piece = java.util.Arrays.copyOfRange(providerStream, from, Math.min(providerStream.length, from + 7));
            decoder.feed(piece, event -> {
                byte[] out = relay.relay(event);
                if (out != null) {
                    client.append(new String(out, StandardCharsets.UTF_8));
                }
            });
        }
        return client.toString();
    }

    private static List<String> data(String stream) {
        List<String> data = new ArrayList<>();
        for (String event : stream.split("\n\n")) {
            data.add(SseEvents.data((event + "\n\n").getBytes(StandardCharsets.UTF_8)));
        }
        return data;
    }

    @Test
    void a_plain_answer_reads_as_a_response_with_the_client_model_and_its_usage() throws Exception {
        Responses responses = openAi();
        fake.answer(ANSWER);
        InboundCall call = call("{\"model\":\"team-fast\",\"input\":\"Say hello\",\"instructions\":\"Be brief.\"}");

        Answer answer = post(responses.request(endpoint("openai", Map.of()), call));
        byte[] client = responses.responseBody(answer.body(), call);

        assertThat(answer.status()).isEqualTo(200);
        Response response = ObjectMappers.jsonMapper().readValue(client, Response.class).validate();
        assertThat(response.model().asString()).isEqualTo("team-fast");
        assertThat(response.output().getFirst().asMessage().content().getFirst().asOutputText().text())
                .isEqualTo("Hello from the fake Responses API.");
        assertThat(response.instructions()).isPresent();
        assertThat(JSON.readTree(client).get("store").asBoolean()).isFalse();
        assertThat(responses.usage(answer.body())).isEqualTo(new TokenUsage(21, 9, 4, 3, false));
        JsonNode sent = fake.requests().getFirst().json();
        assertThat(fake.requests().getFirst().path()).isEqualTo("/v1/responses");
        assertThat(sent.get("model").asString()).isEqualTo("gpt-4.1-mini");
        assertThat(sent.get("input").asString()).isEqualTo("Say hello");
    }

    @Test
    void a_stream_adds_up_to_the_plain_answer_and_reports_usage_at_its_end() throws Exception {
        Responses responses = openAi();
        fake.answer(new FakeAnswer("It is sunny.", "", List.of(new ToolCall("call_W1", "get_weather",
                "{\"city\":\"Paris\"}")), FakeAnswer.Finish.TOOL_CALLS, new FakeAnswer.Usage(30, 12, 0, 0)));
        InboundCall call = call("{\"model\":\"team-fast\",\"input\":\"Weather?\",\"stream\":true}");
        InboundCall plainCall = call("{\"model\":\"team-fast\",\"input\":\"Weather?\"}");

        Answer streamed = post(responses.request(endpoint("openai", Map.of()), call));
        StreamRelay relay = responses.openStream(call);
        String client = relayed(responses, call, streamed.body(), relay);
        Response plain = ObjectMappers.jsonMapper().readValue(responses.responseBody(
                post(responses.request(endpoint("openai", Map.of()), plainCall)).body(), plainCall), Response.class);

        ResponseAccumulator accumulator = ResponseAccumulator.createWithSnapshots();
        List<String> events = data(client);
        for (int i = 0; i < events.size(); i++) {
            ResponseStreamEvent event = ObjectMappers.jsonMapper().readValue(events.get(i), ResponseStreamEvent.class);
            accumulator.accumulate(event.validate());
            assertThat(JSON.readTree(events.get(i)).get("sequence_number").asLong()).isEqualTo(i);
        }
        assertThat(accumulator.response().model().asString()).isEqualTo("team-fast");
        assertThat(accumulator.response().output()).hasSameSizeAs(plain.output());
        assertThat(accumulator.reconstructedResponse().output().get(1).asFunctionCall().arguments())
                .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(relay.completed()).isTrue();
        assertThat(relay.reportedUsage()).contains(new TokenUsage(30, 12, 0, 0, false));
        assertThat(relay.generatedText()).isEqualTo("It is sunny.{\"city\":\"Paris\"}");
        assertThat(fake.requests().getFirst().json().has("stream_options")).isFalse();
    }

    @Test
    void a_stream_cut_midway_is_not_complete_and_ends_with_the_gateway_error() throws Exception {
        Responses responses = openAi();
        fake.failMidStream(ANSWER);
        InboundCall call = call("{\"model\":\"team-fast\",\"input\":\"Say hello\",\"stream\":true}");

        StreamRelay relay = responses.openStream(call);
        relayed(responses, call, post(responses.request(endpoint("openai", Map.of()), call)).body(), relay);
        String ending = new String(relay.interruption(new ProviderError("cut", "upstream_error", null,
                "stream_interrupted")).orElseThrow(), StandardCharsets.UTF_8);

        assertThat(relay.completed()).isFalse();
        assertThat(relay.reportedUsage()).isEmpty();
        assertThat(relay.generatedText()).isNotEmpty();
        for (String event : data(ending)) {
            ObjectMappers.jsonMapper().readValue(event, ResponseStreamEvent.class).validate();
        }
    }

    @Test
    void the_fake_refuses_chat_only_parameters_as_openai_does() {
        openAi();
        UpstreamRequest request = new UpstreamRequest(URI.create(fake.baseUrl() + "/responses"),
                Map.of("authorization", "Bearer " + KEY, "content-type", "application/json"),
                "{\"model\":\"m\",\"input\":\"x\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}"
                        .getBytes(StandardCharsets.UTF_8));

        Answer answer = post(request);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).get("error").get("code").asString()).isEqualTo("unknown_parameter");
    }

    @Test
    void provider_errors_map_as_for_chat() {
        Responses responses = openAi();
        fake.fail(429);

        Answer answer = post(responses.request(endpoint("openai", Map.of()), call("{\"model\":\"m\",\"input\":\"x\"}")));

        assertThat(OpenAiAdapter.openAi().errorMapper().map(answer.status(), h -> null, answer.body()).kind())
                .isEqualTo(Kind.RATE_LIMITED);
    }

    @Test
    void azure_serves_responses_on_the_v1_api_and_on_dated_previews_only() {
        fake = new FakeOpenAiChat(FakeFlavor.azure(), KEY).start();
        Responses azure = OpenAiAdapter.azure().responses().orElseThrow();
        fake.answer(ANSWER);
        InboundCall call = call("{\"model\":\"team-fast\",\"input\":\"hi\"}");

        Answer byDefault = post(azure.request(endpoint("azure_openai", Map.of()), call));
        Answer preview = post(azure.request(endpoint("azure_openai", Map.of("api_version", "2025-04-01-preview")), call));

        assertThat(byDefault.status()).isEqualTo(200);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(fake.requests()).extracting(r -> r.target())
                .containsExactly("/openai/v1/responses", "/openai/responses?api-version=2025-04-01-preview");
        assertThat(fake.requests().getFirst().header("api-key")).contains(KEY);
    }
}
