package io.conduit.provider.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers one request according to its {@link Behavior}, in OpenAI's wire format. Headers follow
 * what api.openai.com sends (https://platform.openai.com/docs/api-reference/debugging-requests and
 * /docs/guides/rate-limits): {@code x-request-id}, {@code openai-processing-ms}, {@code
 * openai-version}, {@code x-ratelimit-*}, and {@code retry-after} on a 429.
 */
final class Responder {

  static final String SYSTEM_FINGERPRINT = "fp_c0ndu17fak";
  static final String SSE_CONTENT_TYPE = "text/event-stream; charset=utf-8";
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
  private static final long TOKEN_LIMIT = 30_000_000;
  private static final int REQUEST_LIMIT = 10_000;

  private final Clock clock;
  private final int embeddingDimensions;
  private final Supplier<Collection<String>> models;

  Responder(Clock clock, int embeddingDimensions, Supplier<Collection<String>> models) {
    this.clock = clock;
    this.embeddingDimensions = embeddingDimensions;
    this.models = models;
  }

  /** Whether the answer is written at once, with nothing to wait for (no delay, no stream). */
  static boolean isInstant(RecordedRequest request, Behavior behavior) {
    return switch (behavior) {
      case Behavior.Fail f -> f.firstByteDelay().isZero();
      case Behavior.Reply r -> r.instant() && !request.isStream();
      case Behavior.Cut c -> false;
      case Behavior.Hang h -> false;
    };
  }

  void respond(Connection conn, RecordedRequest request, Behavior behavior, boolean keepAlive) throws IOException {
    if (!conn.pause(behavior.firstByteDelay())) {
      return;
    }
    switch (behavior) {
      case Behavior.Hang h -> conn.awaitClosed();
      case Behavior.Fail f -> writeError(conn, request, f, keepAlive);
      case Behavior.Reply r -> answer(conn, request, r, -1, keepAlive);
      case Behavior.Cut c -> answer(conn, request, c.reply(), c.events(), keepAlive);
    }
  }

  private void answer(Connection conn, RecordedRequest request, Behavior.Reply reply, int cutAfter, boolean keepAlive)
      throws IOException {
    switch (RequestCheck.route(request)) {
      case CHAT -> {
        if (request.isStream()) {
          stream(conn, request, reply, cutAfter, keepAlive);
        } else {
          complete(conn, request, reply, cutAfter, keepAlive);
        }
      }
      case EMBEDDINGS -> {
        JsonNode json = request.json().orElseThrow();
        byte[] body = Embeddings.response(json, request.model().orElseThrow(), embeddingDimensions);
        int tokens = TokenCounter.inputTokens(json.path("input"));
        writeFixed(conn, request, 200, headers(request, "application/json", tokens, null), body, cutAfter, keepAlive);
      }
      case MODELS -> writeFixed(conn, request, 200, headers(request, "application/json", 0, null), modelList(),
          cutAfter, keepAlive);
      case UNKNOWN -> throw new IllegalStateException("unrouted request reached a reply: " + request);
    }
  }

  private void complete(Connection conn, RecordedRequest request, Behavior.Reply reply, int cutAfter,
      boolean keepAlive) throws IOException {
    Generation gen = generation(request, reply);
    for (int i = 0; i < gen.pieces().size(); i++) {
      if (!conn.pause(reply.chunkDelay())) {
        return;
      }
    }
    byte[] body = OpenAiJson.completion(gen.meta(), String.join("", gen.pieces()), gen.finishReason(),
        gen.promptTokens(), gen.pieces().size());
    writeFixed(conn, request, 200, headers(request, "application/json", gen.totalTokens(), null), body,
        cutAfter, keepAlive);
  }

  private void stream(Connection conn, RecordedRequest request, Behavior.Reply reply, int cutAfter,
      boolean keepAlive) throws IOException {
    Generation gen = generation(request, reply);
    JsonNode options = request.json().orElseThrow().path("stream_options");
    boolean includeUsage = options.path("include_usage").asBoolean(false);
    boolean obfuscate = options.path("include_obfuscation").asBoolean(true);
    HttpResponseWriter out = conn.writer();
    out.writeHead(200, headers(request, SSE_CONTENT_TYPE, gen.promptTokens(), null), -1, keepAlive);
    List<byte[]> events = new ArrayList<>();
    List<ObjectNode> deltas = new ArrayList<>();
    deltas.add(OpenAiJson.roleDelta());
    gen.pieces().forEach(p -> deltas.add(OpenAiJson.contentDelta(p)));
    deltas.add(OpenAiJson.emptyDelta());
    for (int i = 0; i < deltas.size(); i++) {
      String finish = i == deltas.size() - 1 ? gen.finishReason() : null;
      int contentLength = deltas.get(i).path("content").asString("").length();
      String obfuscation = obfuscate ? Ids.obfuscation(request.sequence(), i, contentLength) : null;
      events.add(sse(OpenAiJson.chunk(gen.meta(), deltas.get(i), finish, includeUsage, obfuscation)));
    }
    if (includeUsage) {
      String obfuscation = obfuscate ? Ids.obfuscation(request.sequence(), events.size(), 0) : null;
      events.add(sse(OpenAiJson.usageChunk(gen.meta(), gen.promptTokens(), gen.pieces().size(), obfuscation)));
    }
    events.add(DONE);
    for (int i = 0; i < events.size(); i++) {
      if (i == cutAfter) {
        conn.abort();
        return;
      }
      if (i > 0 && !conn.pause(reply.chunkDelay())) {
        return;
      }
      out.writeChunk(events.get(i));
      out.flush();
    }
    if (cutAfter >= events.size()) {
      conn.abort();
      return;
    }
    out.writeLastChunk();
    conn.finish(request, keepAlive);
  }

  private void writeError(Connection conn, RecordedRequest request, Behavior.Fail fail, boolean keepAlive)
      throws IOException {
    byte[] body = OpenAiJson.error(RequestCheck.expand(fail.message(), request), fail.type(), fail.param(),
        fail.code());
    writeFixed(conn, request, fail.status(), headers(request, "application/json", 0, fail), body, -1, keepAlive);
  }

  /** A body of known length; {@code cutAfter >= 0} sends only half of it and closes. */
  private void writeFixed(Connection conn, RecordedRequest request, int status, List<Map.Entry<String, String>> headers,
      byte[] body, int cutAfter, boolean keepAlive) throws IOException {
    HttpResponseWriter out = conn.writer();
    out.writeHead(status, headers, body.length, keepAlive);
    if (cutAfter >= 0) {
      out.writeRaw(body, body.length / 2);
      conn.abort();
      return;
    }
    out.writeRaw(body, body.length);
    conn.finish(request, keepAlive);
  }

  private List<Map.Entry<String, String>> headers(RecordedRequest request, String contentType, long tokens,
      Behavior.Fail fail) {
    long processingMs = Math.max(0, Duration.between(request.receivedAt(), Instant.now()).toMillis());
    boolean limited = fail != null && fail.status() == 429;
    List<Map.Entry<String, String>> h = new ArrayList<>(16);
    h.add(Map.entry("content-type", contentType));
    h.add(Map.entry("access-control-expose-headers", "X-Request-ID"));
    h.add(Map.entry("openai-organization", "conduit-fake"));
    h.add(Map.entry("openai-processing-ms", Long.toString(processingMs)));
    h.add(Map.entry("openai-project", "proj_conduitfake"));
    h.add(Map.entry("openai-version", "2020-10-01"));
    h.add(Map.entry("x-ratelimit-limit-requests", Integer.toString(REQUEST_LIMIT)));
    h.add(Map.entry("x-ratelimit-limit-tokens", Long.toString(TOKEN_LIMIT)));
    long remainingRequests = limited ? 0 : REQUEST_LIMIT - 1 - request.sequence() % REQUEST_LIMIT;
    h.add(Map.entry("x-ratelimit-remaining-requests", Long.toString(remainingRequests)));
    h.add(Map.entry("x-ratelimit-remaining-tokens", Long.toString(TOKEN_LIMIT - tokens)));
    h.add(Map.entry("x-ratelimit-reset-requests", limited ? retryAfterSeconds(fail) + "s" : "6ms"));
    h.add(Map.entry("x-ratelimit-reset-tokens", "0s"));
    h.add(Map.entry("x-request-id", Ids.requestId(request.sequence())));
    if (fail != null && fail.retryAfter() != null) {
      h.add(Map.entry("retry-after", Long.toString(retryAfterSeconds(fail))));
    }
    return h;
  }

  private static long retryAfterSeconds(Behavior.Fail fail) {
    if (fail.retryAfter() == null) {
      return 1;
    }
    return fail.retryAfter().getSeconds() + (fail.retryAfter().getNano() > 0 ? 1 : 0);
  }

  private record Generation(OpenAiJson.Meta meta, List<String> pieces, String finishReason, int promptTokens) {
    int totalTokens() {
      return promptTokens + pieces.size();
    }
  }

  private Generation generation(RecordedRequest request, Behavior.Reply reply) {
    JsonNode json = request.json().orElseThrow();
    var meta = new OpenAiJson.Meta(Ids.completionId(request.sequence()), clock.instant().getEpochSecond(),
        request.model().orElseThrow(), serviceTier(json), SYSTEM_FINGERPRINT);
    List<String> pieces = reply.pieces();
    String finish = reply.finishReason();
    JsonNode max = json.has("max_completion_tokens") ? json.get("max_completion_tokens") : json.path("max_tokens");
    if (max.isNumber() && max.asInt() < pieces.size()) {
      pieces = pieces.subList(0, Math.max(0, max.asInt()));
      finish = "length";
    }
    return new Generation(meta, pieces, finish, TokenCounter.promptTokens(json.get("messages")));
  }

  /** The tier that served the request, as OpenAI reports it: auto → default, fast → priority. */
  private static String serviceTier(JsonNode json) {
    return switch (json.path("service_tier").asString("auto")) {
      case "flex" -> "flex";
      case "scale" -> "scale";
      case "priority", "fast" -> "priority";
      default -> "default";
    };
  }

  private byte[] modelList() {
    ObjectNode root = OpenAiJson.MAPPER.createObjectNode();
    root.put("object", "list");
    var data = root.putArray("data");
    for (String model : models.get()) {
      data.addObject().put("id", model).put("object", "model").put("created", 1_700_000_000L)
          .put("owned_by", "conduit-fake");
    }
    return OpenAiJson.MAPPER.writeValueAsBytes(root);
  }

  private static byte[] sse(byte[] json) {
    byte[] event = new byte[json.length + 8];
    System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, event, 0, 6);
    System.arraycopy(json, 0, event, 6, json.length);
    event[event.length - 2] = '\n';
    event[event.length - 1] = '\n';
    return event;
  }
}
