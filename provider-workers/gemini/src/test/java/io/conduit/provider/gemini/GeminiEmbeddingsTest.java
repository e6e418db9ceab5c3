package io.conduit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Embeddings over HTTP against {@link FakeGemini}, on both APIs. */
class GeminiEmbeddingsTest {

    private static final TestServiceAccount ACCOUNT = TestServiceAccount.generate("embed-project");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FakeGemini fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private static InboundCall call(String body, String model) throws Exception {
        return new InboundCall(JsonObjectScan.parse(body.getBytes(StandardCharsets.UTF_8)), model, false, false);
    }

    private static byte[] send(UpstreamRequest request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.body();
    }

    @Test
    void gemini_api_batch_embeds_each_text() throws Exception {
        fake = FakeGemini.aiStudio("key-1").start();
        GeminiEmbeddings embeddings = new GeminiEmbeddings(new AiStudioApi());
        ProviderEndpoint endpoint = new ProviderEndpoint("p", "g", "gemini", fake.baseUrl(), "key-1");
        InboundCall call = call("{\"model\":\"e\",\"input\":[\"first text\",\"second\"],\"dimensions\":4}",
                "gemini-embedding-001");

        UpstreamRequest request = embeddings.request(endpoint, call);
        byte[] answer = send(request);
        JsonNode list = GeminiJson.MAPPER.readTree(embeddings.responseBody(call, answer));

        assertThat(request.uri().getPath()).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(GeminiJson.utf8(request.body())).isEqualTo("{\"requests\":["
                + "{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"first text\"}]},\"outputDimensionality\":4},"
                + "{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"second\"}]},\"outputDimensionality\":4}]}");
        assertThat(list.path("object").asString()).isEqualTo("list");
        assertThat(list.path("model").asString()).isEqualTo("gemini-embedding-001");
        assertThat(list.path("data")).hasSize(2);
        assertThat(list.path("data").path(1).path("index").asInt()).isEqualTo(1);
        assertThat(list.path("data").path(0).path("embedding")).isEqualTo(FakeGeminiWire.vector("first text", 4));
        assertThat(embeddings.usage(answer)).isEqualTo(new TokenUsage(0, 0, 0, 0, true));
        assertThat(list.path("usage").toString()).isEqualTo("{\"prompt_tokens\":0,\"total_tokens\":0}");
    }

    @Test
    void vertex_predicts_and_reports_token_counts() throws Exception {
        fake = FakeGemini.vertex(ACCOUNT).start();
        GeminiEmbeddings embeddings = new GeminiEmbeddings(new VertexApi(new VertexCredentials(java.time.Clock.systemUTC())));
        ProviderEndpoint endpoint = new ProviderEndpoint("p", "v", "vertex_ai", fake.baseUrl(), ACCOUNT.json(),
                Map.of("location", "us-central1"));
        InboundCall call = call("{\"model\":\"e\",\"input\":\"three little words\"}", "text-embedding-005");

        UpstreamRequest request = embeddings.request(endpoint, call);
        byte[] answer = send(request);
        JsonNode list = GeminiJson.MAPPER.readTree(embeddings.responseBody(answer));

        assertThat(request.uri().getPath()).isEqualTo(
                "/v1/projects/embed-project/locations/us-central1/publishers/google/models/text-embedding-005:predict");
        assertThat(GeminiJson.utf8(request.body())).isEqualTo("{\"instances\":[{\"content\":\"three little words\"}]}");
        assertThat(embeddings.usage(answer)).isEqualTo(new TokenUsage(3, 0, 0, 0, false));
        assertThat(list.path("data").path(0).path("embedding")).isEqualTo(FakeGeminiWire.vector("three little words", 8));
        assertThat(list.path("usage").toString()).isEqualTo("{\"prompt_tokens\":3,\"total_tokens\":3}");
    }

    @Test
    void base64_encoding_is_little_endian_float32() throws Exception {
        GeminiEmbeddings embeddings = new GeminiEmbeddings(new AiStudioApi());
        byte[] answer = "{\"embeddings\":[{\"values\":[0.5,-1.25,3]}]}".getBytes(StandardCharsets.UTF_8);

        JsonNode list = GeminiJson.MAPPER.readTree(embeddings.responseBody(
                call("{\"input\":\"x\",\"encoding_format\":\"base64\"}", "gemini-embedding-001"), answer));

        ByteBuffer floats = ByteBuffer.wrap(Base64.getDecoder().decode(list.path("data").path(0).path("embedding").asString()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new float[] {floats.getFloat(), floats.getFloat(), floats.getFloat()})
                .containsExactly(0.5f, -1.25f, 3f);
        assertThat(floats.hasRemaining()).isFalse();
    }

    @Test
    void token_id_input_is_refused() {
        GeminiEmbeddings embeddings = new GeminiEmbeddings(new AiStudioApi());
        ProviderEndpoint endpoint = new ProviderEndpoint("p", "g", "gemini", java.net.URI.create("http://127.0.0.1:1/v1beta"), "k");

        assertThatThrownBy(() -> embeddings.request(endpoint, call("{\"input\":[[1,2,3]]}", "gemini-embedding-001")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.BAD_REQUEST);
                    assertThat(e.error().param()).isEqualTo("input");
                });
    }
}
