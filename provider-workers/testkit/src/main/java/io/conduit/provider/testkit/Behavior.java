package io.conduit.provider.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the fake upstream does with one request. Immutable; build one with the static factories
 * and refine it with the {@code with…} methods, then hand it to {@link FakeOpenAi#behave}, {@link
 * FakeOpenAi#behaveByDefault} or {@link FakeOpenAi#enqueue}.
 *
 * <p>Messages of {@link Fail} may contain the placeholders {@code {model}} (the request's model)
 * and {@code {key}} (the request's bearer key, masked the way OpenAI masks it).
 */
public sealed interface Behavior permits Behavior.Reply, Behavior.Fail, Behavior.Cut, Behavior.Hang {

  /** The reply content used when none is given: "Hello from fake" in three pieces. */
  List<String> DEFAULT_PIECES = List.of("Hello", " from", " fake");

  /** Delay before the server writes the first byte of the response (the status line). */
  Duration firstByteDelay();

  /** A normal answer with {@link #DEFAULT_PIECES}, no delay. */
  static Reply reply() {
    return reply(DEFAULT_PIECES);
  }

  /**
   * A normal answer whose content is the concatenation of {@code pieces}. Streamed, each piece is
   * one content chunk; each piece counts as one completion token.
   */
  static Reply reply(String... pieces) {
    return reply(List.of(pieces));
  }

  /** As {@link #reply(String...)}. */
  static Reply reply(List<String> pieces) {
    return new Reply(pieces, "stop", Duration.ZERO, Duration.ZERO);
  }

  /** The default reply, answered only after {@code delay} (slow first byte). */
  static Reply slowFirstByte(Duration delay) {
    return reply().withFirstByteDelay(delay);
  }

  /** An OpenAI error envelope with the given HTTP status, error type, code and message. */
  static Fail error(int status, String type, String code, String message) {
    return new Fail(status, type, code, message, null, null, Duration.ZERO);
  }

  /** 401 {@code invalid_api_key}, as OpenAI answers a wrong key. */
  static Fail invalidApiKey() {
    return error(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: {key}. You can find your API key at "
            + "https://platform.openai.com/account/api-keys.");
  }

  /** 404 {@code model_not_found}, as OpenAI answers an unknown or inaccessible model. */
  static Fail modelNotFound() {
    return error(404, "invalid_request_error", "model_not_found",
        "The model `{model}` does not exist or you do not have access to it.");
  }

  /** 429 {@code rate_limit_exceeded} with a {@code retry-after} header of {@code retryAfter}. */
  static Fail rateLimited(Duration retryAfter) {
    return error(429, "requests", "rate_limit_exceeded",
            "Rate limit reached for {model} on requests per min (RPM): Limit 3, Used 3, "
                + "Requested 1. Please try again in " + seconds(retryAfter) + ".")
        .withRetryAfter(retryAfter);
  }

  /** 429 {@code insufficient_quota}: not retriable, unlike a rate limit. */
  static Fail insufficientQuota() {
    return error(429, "insufficient_quota", "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details.");
  }

  /** 500 {@code server_error} with a null code, as OpenAI sends it. */
  static Fail serverError() {
    return error(500, "server_error", null,
        "The server had an error while processing your request. Sorry about that!");
  }

  /** 503 overloaded. */
  static Fail overloaded() {
    return error(503, "server_error", null, "The engine is currently overloaded, please try again later.");
  }

  /** 400 {@code invalid_request_error} about one request parameter. */
  static Fail badRequest(String param, String code, String message) {
    return error(400, "invalid_request_error", code, message).withParam(param);
  }

  /** The default reply, cut after {@code events} events: see {@link Reply#cutAfter(int)}. */
  static Cut cutAfter(int events) {
    return reply().cutAfter(events);
  }

  /** Read the request, record it, never answer; ends when the client closes the connection. */
  static Hang hang() {
    return new Hang();
  }

  /**
   * A normal answer.
   *
   * @param pieces content pieces; one streamed content chunk and one completion token each
   * @param finishReason {@code finish_reason} of the choice ({@code length} instead when the
   *     request's {@code max_completion_tokens}/{@code max_tokens} truncates the pieces)
   * @param chunkDelay pause before every streamed event after the first; a non-streamed answer
   *     waits this long once per piece before it is written (the "generation time")
   * @param firstByteDelay pause before the status line
   */
  record Reply(List<String> pieces, String finishReason, Duration chunkDelay, Duration firstByteDelay)
      implements Behavior {
    public Reply {
      pieces = List.copyOf(pieces);
      Objects.requireNonNull(finishReason, "finishReason");
      requireNonNegative(chunkDelay, "chunkDelay");
      requireNonNegative(firstByteDelay, "firstByteDelay");
    }

    /** Same reply with a pause between streamed events. */
    public Reply withChunkDelay(Duration delay) {
      return new Reply(pieces, finishReason, delay, firstByteDelay);
    }

    /** Same reply, its first byte written only after {@code delay}. */
    public Reply withFirstByteDelay(Duration delay) {
      return new Reply(pieces, finishReason, chunkDelay, delay);
    }

    /** Same reply with another {@code finish_reason}. */
    public Reply withFinishReason(String reason) {
      return new Reply(pieces, reason, chunkDelay, firstByteDelay);
    }

    /**
     * This reply, cut midway: a stream sends its first {@code events} SSE events (the role chunk
     * counts as the first) and then the socket is closed without the terminating zero-length
     * chunk and without {@code [DONE]}; a non-streamed answer sends its headers (with the full
     * {@code content-length}) and half its body, then closes.
     */
    public Cut cutAfter(int events) {
      return new Cut(this, events);
    }

    boolean instant() {
      return chunkDelay.isZero() && firstByteDelay.isZero();
    }
  }

  /**
   * An error response: {@code {"error":{"message","type","param","code"}}} with {@code status}.
   *
   * @param param the {@code param} field, or null
   * @param code the {@code code} field, or null
   * @param retryAfter when non-null, sent as {@code retry-after} in whole seconds (rounded up)
   */
  record Fail(int status, String type, String code, String message, String param, Duration retryAfter,
      Duration firstByteDelay) implements Behavior {
    public Fail {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("error status must be 4xx or 5xx: " + status);
      }
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(message, "message");
      requireNonNegative(firstByteDelay, "firstByteDelay");
    }

    /** Same error with a {@code retry-after} header. */
    public Fail withRetryAfter(Duration after) {
      return new Fail(status, type, code, message, param, after, firstByteDelay);
    }

    /** Same error with a {@code param}. */
    public Fail withParam(String name) {
      return new Fail(status, type, code, message, name, retryAfter, firstByteDelay);
    }

    /** Same error, written only after {@code delay}. */
    public Fail withFirstByteDelay(Duration delay) {
      return new Fail(status, type, code, message, param, retryAfter, delay);
    }
  }

  /** A {@link Reply} cut after {@code events} events: see {@link Reply#cutAfter(int)}. */
  record Cut(Reply reply, int events) implements Behavior {
    public Cut {
      Objects.requireNonNull(reply, "reply");
      if (events < 0) {
        throw new IllegalArgumentException("events must be >= 0: " + events);
      }
    }

    @Override
    public Duration firstByteDelay() {
      return reply.firstByteDelay();
    }
  }

  /** Never answer: see {@link #hang()}. */
  record Hang() implements Behavior {
    @Override
    public Duration firstByteDelay() {
      return Duration.ZERO;
    }
  }

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
  }

  private static void requireNonNegative(Duration d, String name) {
    if (Objects.requireNonNull(d, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
  }
}
