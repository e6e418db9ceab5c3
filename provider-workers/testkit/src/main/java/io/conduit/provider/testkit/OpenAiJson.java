package io.conduit.provider.testkit;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders OpenAI's response bodies, fields in the order OpenAI writes them. Shapes follow the
 * official OpenAPI description (openai/openai-openapi, {@code shared/reference/openai-openapi.yaml}):
 * {@code CreateChatCompletionResponse}, {@code CreateChatCompletionStreamResponse}, {@code
 * CompletionUsage}, {@code ErrorResponse}/{@code Error}, and the examples of the chat API reference
 * (https://platform.openai.com/docs/api-reference/chat).
 */
final class OpenAiJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Fields shared by a completion and all chunks of one stream. */
  record Meta(String id, long created, String model, String serviceTier, String systemFingerprint) {}

  private OpenAiJson() {}

  /** A {@code chat.completion} object with one choice. */
  static byte[] completion(Meta meta, String content, String finishReason, int promptTokens, int completionTokens) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", meta.id());
    root.put("object", "chat.completion");
    root.put("created", meta.created());
    root.put("model", meta.model());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    message.put("content", content);
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    root.set("usage", usage(promptTokens, completionTokens));
    root.put("service_tier", meta.serviceTier());
    root.put("system_fingerprint", meta.systemFingerprint());
    return MAPPER.writeValueAsBytes(root);
  }

  /** The first chunk of a stream: the delta carries the role and empty content. */
  static ObjectNode roleDelta() {
    ObjectNode delta = MAPPER.createObjectNode();
    delta.put("role", "assistant");
    delta.put("content", "");
    delta.putNull("refusal");
    return delta;
  }

  /** A content delta. */
  static ObjectNode contentDelta(String piece) {
    return MAPPER.createObjectNode().put("content", piece);
  }

  /** The empty delta of the chunk that carries {@code finish_reason}. */
  static ObjectNode emptyDelta() {
    return MAPPER.createObjectNode();
  }

  /**
   * A {@code chat.completion.chunk} with one choice.
   *
   * @param finishReason null on all but the finishing chunk
   * @param usageNull whether to write {@code "usage":null} (when the request set {@code
   *     stream_options.include_usage})
   * @param obfuscation the {@code obfuscation} field, or null to leave it out
   */
  static byte[] chunk(Meta meta, ObjectNode delta, String finishReason, boolean usageNull, String obfuscation) {
    ObjectNode root = chunkHead(meta);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    if (usageNull) {
      root.putNull("usage");
    }
    return chunkTail(root, obfuscation);
  }

  /** The extra last chunk of {@code include_usage}: no choices, the usage of the whole request. */
  static byte[] usageChunk(Meta meta, int promptTokens, int completionTokens, String obfuscation) {
    ObjectNode root = chunkHead(meta);
    root.putArray("choices");
    root.set("usage", usage(promptTokens, completionTokens));
    return chunkTail(root, obfuscation);
  }

  /** A {@code CompletionUsage} object with all detail counters present (zero). */
  static ObjectNode usage(int promptTokens, int completionTokens) {
    ObjectNode usage = MAPPER.createObjectNode();
    usage.put("prompt_tokens", promptTokens);
    usage.put("completion_tokens", completionTokens);
    usage.put("total_tokens", promptTokens + completionTokens);
    ObjectNode prompt = usage.putObject("prompt_tokens_details");
    prompt.put("cached_tokens", 0);
    prompt.put("audio_tokens", 0);
    ObjectNode completion = usage.putObject("completion_tokens_details");
    completion.put("reasoning_tokens", 0);
    completion.put("audio_tokens", 0);
    completion.put("accepted_prediction_tokens", 0);
    completion.put("rejected_prediction_tokens", 0);
    return usage;
  }

  /** The error envelope {@code {"error":{"message","type","param","code"}}}. */
  static byte[] error(String message, String type, String param, String code) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    if (param == null) {
      error.putNull("param");
    } else {
      error.put("param", param);
    }
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return MAPPER.writeValueAsBytes(root);
  }

  private static ObjectNode chunkHead(Meta meta) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", meta.id());
    root.put("object", "chat.completion.chunk");
    root.put("created", meta.created());
    root.put("model", meta.model());
    root.put("service_tier", meta.serviceTier());
    root.put("system_fingerprint", meta.systemFingerprint());
    return root;
  }

  private static byte[] chunkTail(ObjectNode root, String obfuscation) {
    if (obfuscation != null) {
      root.put("obfuscation", obfuscation);
    }
    return MAPPER.writeValueAsBytes(root);
  }
}
