package io.conduit.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EmbeddingsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final FakeOpenAi fake = FakeOpenAi.start();

  @AfterEach
  void stop() {
    fake.close();
    http.close();
  }

  HttpResponse<String> embed(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/embeddings"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void one_string_gives_one_float_embedding_and_usage() throws Exception {
    HttpResponse<String> response = embed("""
        {"model":"text-embedding-3-small","input":"The food was delicious and the waiter...","encoding_format":"float"}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.propertyNames()).containsExactly("object", "data", "model", "usage");
    assertThat(body.get("object").stringValue()).isEqualTo("list");
    assertThat(body.get("model").stringValue()).isEqualTo("text-embedding-3-small");
    assertThat(body.get("data").size()).isEqualTo(1);
    JsonNode item = body.at("/data/0");
    assertThat(item.propertyNames()).containsExactly("object", "index", "embedding");
    assertThat(item.get("object").stringValue()).isEqualTo("embedding");
    assertThat(item.get("index").intValue()).isZero();
    assertThat(item.get("embedding").size()).isEqualTo(8);
    double norm = 0;
    for (JsonNode v : item.get("embedding").values()) {
      assertThat(v.isNumber()).isTrue();
      norm += v.doubleValue() * v.doubleValue();
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(body.get("usage").toString()).isEqualTo("{\"prompt_tokens\":7,\"total_tokens\":7}");
  }

  @Test
  void an_array_gives_one_embedding_per_input_in_order_and_is_deterministic() throws Exception {
    JsonNode body = JSON.readTree(embed("""
        {"model":"e","input":["alpha beta","gamma"],"dimensions":4}""").body());
    JsonNode again = JSON.readTree(embed("{\"model\":\"e\",\"input\":\"gamma\",\"dimensions\":4}").body());

    assertThat(body.get("data").size()).isEqualTo(2);
    assertThat(body.at("/data/1/index").intValue()).isEqualTo(1);
    assertThat(body.at("/data/0/embedding").size()).isEqualTo(4);
    assertThat(body.at("/data/1/embedding")).isEqualTo(again.at("/data/0/embedding"));
    assertThat(body.at("/data/0/embedding")).isNotEqualTo(body.at("/data/1/embedding"));
    assertThat(body.at("/usage/prompt_tokens").intValue()).isEqualTo(3);
  }

  @Test
  void base64_is_little_endian_float32_of_the_same_vector() throws Exception {
    JsonNode floats = JSON.readTree(embed("{\"model\":\"e\",\"input\":\"hello\"}").body());
    JsonNode encoded = JSON.readTree(embed("{\"model\":\"e\",\"input\":\"hello\",\"encoding_format\":\"base64\"}").body());

    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded.at("/data/0/embedding").stringValue()))
        .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes.remaining()).isEqualTo(8 * Float.BYTES);
    for (JsonNode v : floats.at("/data/0/embedding").values()) {
      assertThat(bytes.getFloat()).isEqualTo(v.floatValue());
    }
  }

  @Test
  void token_array_input_counts_its_integers() throws Exception {
    JsonNode body = JSON.readTree(embed("{\"model\":\"e\",\"input\":[[1212,318,257],[1332,13]]}").body());

    assertThat(body.get("data").size()).isEqualTo(2);
    assertThat(body.at("/usage/prompt_tokens").intValue()).isEqualTo(5);
  }

  @Test
  void errors_apply_to_embeddings_too() throws Exception {
    fake.behave("e", Behavior.rateLimited(java.time.Duration.ofSeconds(1)));

    HttpResponse<String> response = embed("{\"model\":\"e\",\"input\":\"x\"}");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).contains("1");
  }
}
