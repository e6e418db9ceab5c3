package io.conduit.provider.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request as the fake upstream received it, plus what later happened to its connection.
 * The request part is immutable; {@link #clientDisconnectedAt()} and {@link
 * #responseCompletedAt()} are filled in by the server as the exchange goes on.
 */
public final class RecordedRequest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final long sequence;
  private final int connectionId;
  private final String method;
  private final String target;
  private final String version;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Instant receivedAt;
  private final CompletableFuture<Instant> disconnected = new CompletableFuture<>();
  private volatile Instant responseCompletedAt;
  private JsonNode json;
  private boolean jsonParsed;

  RecordedRequest(long sequence, int connectionId, String method, String target, String version,
      Map<String, List<String>> headers, byte[] body, Instant receivedAt) {
    this.sequence = sequence;
    this.connectionId = connectionId;
    this.method = method;
    this.target = target;
    this.version = version;
    var copy = new LinkedHashMap<String, List<String>>();
    headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body;
    this.receivedAt = receivedAt;
  }

  /** Position of this request among all requests the server received (0-based, never reset). */
  public long sequence() {
    return sequence;
  }

  /** Which accepted connection carried it (1-based); equal ids mean a reused connection. */
  public int connectionId() {
    return connectionId;
  }

  /** The request method, e.g. {@code POST}. */
  public String method() {
    return method;
  }

  /** The path of the request target without query, e.g. {@code /v1/chat/completions}. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The request target exactly as sent, query included. */
  public String target() {
    return target;
  }

  /** The protocol version from the request line, e.g. {@code HTTP/1.1}. */
  public String httpVersion() {
    return version;
  }

  /** All headers, names lower-cased, in arrival order, each with its values in order. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header (name case-insensitive). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** The {@code Authorization} header as sent, e.g. {@code Bearer sk-…}. */
  public Optional<String> authorization() {
    return header("authorization");
  }

  /** The key of a {@code Bearer} authorization, without the scheme. */
  public Optional<String> bearerToken() {
    return authorization()
        .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(a -> a.substring(7).trim());
  }

  /** The raw body bytes (de-chunked if it was sent chunked); a copy. */
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON, or empty if it is empty or not valid JSON. */
  public synchronized Optional<JsonNode> json() {
    if (!jsonParsed) {
      jsonParsed = true;
      try {
        json = body.length == 0 ? null : JSON.readTree(body);
      } catch (JacksonException e) {
        json = null;
      }
    }
    return Optional.ofNullable(json);
  }

  /** The {@code model} field of a JSON body. */
  public Optional<String> model() {
    return json().map(j -> j.get("model")).filter(JsonNode::isString).map(JsonNode::stringValue);
  }

  /** Whether the JSON body asks for streaming ({@code "stream": true}). */
  public boolean isStream() {
    return json().map(j -> j.path("stream").asBoolean(false)).orElse(false);
  }

  /** When the server finished reading this request. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /**
   * When the server saw the client close (EOF) or reset the connection while this request was
   * still being answered (or queued behind another on the same connection). Empty if the response
   * was completed first, or the server itself closed the connection (e.g. a {@link Behavior.Cut}).
   * Detection is prompt: a reader thread blocks on the socket for the whole exchange.
   */
  public Optional<Instant> clientDisconnectedAt() {
    return Optional.ofNullable(disconnected.getNow(null));
  }

  /**
   * Waits until {@link #clientDisconnectedAt()} is known.
   *
   * @throws AssertionError if the client has not disconnected within {@code timeout}
   */
  public Instant awaitClientDisconnect(Duration timeout) {
    try {
      return disconnected.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("client did not disconnect during request #" + sequence
          + " (" + method + " " + target + ") within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** When the last byte of the response was handed to the socket; empty while unanswered. */
  public Optional<Instant> responseCompletedAt() {
    return Optional.ofNullable(responseCompletedAt);
  }

  void markDisconnected(Instant at) {
    if (responseCompletedAt == null) {
      disconnected.complete(at);
    }
  }

  /** Writing the response failed, possibly after it was marked complete: it never arrived whole. */
  void markWriteFailed(Instant at) {
    responseCompletedAt = null;
    disconnected.complete(at);
  }

  void markCompleted(Instant at) {
    if (!disconnected.isDone()) {
      responseCompletedAt = at;
    }
  }

  @Override
  public String toString() {
    return "RecordedRequest#" + sequence + "[" + method + " " + target + ", conn " + connectionId
        + ", " + body.length + " body bytes]";
  }
}
