package io.conduit.provider.cohere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.Embeddings;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CohereEmbeddingsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "co-embed-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Embeddings embeddings = CohereAdapter.create().embeddings().orElseThrow();
    private final FakeCohere fake = new FakeCohere(KEY).start();

    @AfterEach
    void stop() {
        fake.close();
    }

    private static InboundCall call(String json) throws Exception {
        return new InboundCall(JsonObjectScan.parse(json.getBytes(StandardCharsets.UTF_8)), "embed-v4.0", false, false);
    }

    private ProviderEndpoint endpoint(Map<String, String> settings) {
        return new ProviderEndpoint("p1", "cohere", "cohere", fake.baseUrl(), KEY, settings);
    }

    private static HttpResponse<byte[]> post(UpstreamRequest request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void embeds_over_http_as_an_openai_list_with_billed_usage() throws Exception {
        UpstreamRequest request = embeddings.request(endpoint(Map.of()),
                call("{\"model\":\"alias\",\"input\":[\"the first text\",\"second\"],\"encoding_format\":\"float\"}"));

        HttpResponse<byte[]> response = post(request);
        JsonNode out = JSON.readTree(embeddings.responseBody(response.body()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(out.path("object").asString()).isEqualTo("list");
        assertThat(out.path("data")).hasSize(2);
        assertThat(out.path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(out.path("data").get(0).path("embedding")).hasSize(8);
        assertThat(out.path("usage").path("prompt_tokens").asLong()).isEqualTo(4);
        assertThat(embeddings.usage(response.body())).isEqualTo(new TokenUsage(4, 0, 0, 0, false));
        JsonNode sent = fake.requests().getFirst().json();
        assertThat(fake.requests().getFirst().path()).isEqualTo("/v2/embed");
        assertThat(sent.path("model").asString()).isEqualTo("embed-v4.0");
        assertThat(sent.path("texts").toString()).isEqualTo("[\"the first text\",\"second\"]");
        assertThat(sent.path("input_type").asString()).isEqualTo("search_document");
        assertThat(sent.path("embedding_types").toString()).isEqualTo("[\"float\"]");
    }

    @Test
    void takes_a_single_string_dimensions_and_the_input_type_setting() throws Exception {
        UpstreamRequest request = embeddings.request(endpoint(Map.of("embed_input_type", "search_query")),
                call("{\"model\":\"alias\",\"input\":\"one\",\"dimensions\":256}"));

        JsonNode sent = JSON.readTree(request.body());

        assertThat(sent.path("texts").toString()).isEqualTo("[\"one\"]");
        assertThat(sent.path("output_dimension").asInt()).isEqualTo(256);
        assertThat(sent.path("input_type").asString()).isEqualTo("search_query");
        assertThat(request.headers()).containsEntry("authorization", "Bearer " + KEY);
    }

    @Test
    void refuses_token_arrays() {
        assertThatThrownBy(() -> embeddings.request(endpoint(Map.of()), call("{\"model\":\"a\",\"input\":[[1,2,3]]}")))
                .isInstanceOf(ProviderException.NonRetriable.class);
    }

    @Test
    void reads_an_older_floats_answer_too() {
        byte[] answer = "{\"id\":\"e\",\"embeddings\":[[0.1,0.2]],\"meta\":{\"billed_units\":{\"input_tokens\":2}}}"
                .getBytes(StandardCharsets.UTF_8);

        JsonNode out = JSON.readTree(embeddings.responseBody(answer));

        assertThat(out.path("data").get(0).path("embedding").toString()).isEqualTo("[0.1,0.2]");
        assertThat(embeddings.usage(answer)).isEqualTo(new TokenUsage(2, 0, 0, 0, false));
    }

    @Test
    void a_wrong_key_is_answered_401_and_mapped_to_authentication() throws Exception {
        UpstreamRequest request = embeddings.request(
                new ProviderEndpoint("p1", "cohere", "cohere", fake.baseUrl(), "wrong-key"), call("{\"model\":\"a\",\"input\":\"x\"}"));

        HttpResponse<byte[]> response = post(request);
        ProviderException e = CohereAdapter.create().errorMapper().map(response.statusCode(),
                name -> response.headers().firstValue(name).orElse(null), response.body());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(e.kind()).isEqualTo(ProviderException.Kind.AUTHENTICATION);
        assertThat(e.error().message()).isEqualTo("invalid api token");
    }
}
