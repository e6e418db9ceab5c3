package io.conduit.provider.testkit;

import java.util.SplittableRandom;

/** Deterministic identifiers shaped like OpenAI's, derived from a request's sequence number. */
final class Ids {

  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";

  private Ids() {}

  /** {@code chatcmpl-} and 29 letters or digits, like {@code chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG}. */
  static String completionId(long sequence) {
    return "chatcmpl-" + random(sequence * 31 + 1, ALNUM, 29);
  }

  /** {@code req_} and 32 hex digits, like OpenAI's {@code x-request-id}. */
  static String requestId(long sequence) {
    return "req_" + random(sequence * 31 + 2, HEX, 32);
  }

  /** Filler for a chunk's {@code obfuscation} field, so chunk sizes vary like OpenAI's. */
  static String obfuscation(long sequence, int event, int contentLength) {
    return random(sequence * 7919 + event, ALNUM, Math.max(0, 12 - contentLength % 12));
  }

  private static String random(long seed, String alphabet, int length) {
    SplittableRandom random = new SplittableRandom(seed);
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(out);
  }
}
