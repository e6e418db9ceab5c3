package io.conduit.provider.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a {@code CreateEmbeddingResponse} (official OpenAPI description, schemas {@code
 * CreateEmbeddingResponse} and {@code Embedding}; https://platform.openai.com/docs/api-reference/embeddings):
 * one {@code embedding} object per input, in input order. Vectors are deterministic: seeded by a
 * hash of the input, unit length, as long as the request's {@code dimensions} or the server's
 * default. With {@code "encoding_format":"base64"} each vector is the base64 of its float32 values
 * in little-endian order, as OpenAI sends it.
 */
final class Embeddings {

  private Embeddings() {}

  /** The inputs of a request: one string, an array of strings, or token array(s). */
  static List<JsonNode> inputs(JsonNode input) {
    List<JsonNode> inputs = new ArrayList<>();
    if (input.isArray() && !input.isEmpty() && !input.get(0).isNumber()) {
      input.values().forEach(inputs::add);
    } else {
      inputs.add(input); // a string, or one array of token integers
    }
    return inputs;
  }

  static byte[] response(JsonNode request, String model, int defaultDimensions) {
    JsonNode input = request.path("input");
    int dimensions = request.path("dimensions").asInt(defaultDimensions);
    boolean base64 = "base64".equals(request.path("encoding_format").asString("float"));
    ObjectNode root = OpenAiJson.MAPPER.createObjectNode();
    root.put("object", "list");
    var data = root.putArray("data");
    List<JsonNode> inputs = inputs(input);
    for (int i = 0; i < inputs.size(); i++) {
      float[] vector = vector(inputs.get(i).toString(), dimensions);
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      if (base64) {
        item.put("embedding", base64(vector));
      } else {
        var array = item.putArray("embedding");
        for (float v : vector) {
          array.add(v);
        }
      }
    }
    root.put("model", model);
    int tokens = TokenCounter.inputTokens(input);
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", tokens);
    usage.put("total_tokens", tokens);
    return OpenAiJson.MAPPER.writeValueAsBytes(root);
  }

  /** The deterministic unit vector for one input (its JSON text, so "a" and ["a"] agree per item). */
  static float[] vector(String key, int dimensions) {
    long seed = 0xcbf29ce484222325L; // FNV-1a 64
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      seed = (seed ^ (b & 0xff)) * 0x100000001b3L;
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] raw = new double[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      raw[i] = random.nextDouble(-1, 1);
      norm += raw[i] * raw[i];
    }
    norm = Math.sqrt(norm);
    float[] vector = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) (raw[i] / norm);
    }
    return vector;
  }

  static String base64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      bytes.putFloat(v);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
