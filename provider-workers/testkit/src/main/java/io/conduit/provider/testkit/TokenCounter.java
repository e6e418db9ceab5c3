package io.conduit.provider.testkit;

import tools.jackson.databind.JsonNode;

/**
 * The fake's deterministic stand-in for a tokenizer, so tests can predict {@code usage}:
 *
 * <ul>
 *   <li>chat prompt tokens = the number of whitespace-separated words in the text of all {@code
 *       messages} (a string {@code content}, or the {@code text} of each content part);
 *   <li>embedding prompt tokens = the words of each string input, or the number of integers of a
 *       token-array input, summed over the inputs;
 *   <li>completion tokens = the number of content pieces generated (see {@link Behavior.Reply}).
 * </ul>
 *
 * E.g. {@code [{"role":"user","content":"Say this is a test"}]} counts 5 prompt tokens.
 */
final class TokenCounter {

  private TokenCounter() {}

  static int promptTokens(JsonNode messages) {
    int tokens = 0;
    if (messages != null && messages.isArray()) {
      for (JsonNode message : messages.values()) {
        JsonNode content = message.path("content");
        if (content.isString()) {
          tokens += words(content.stringValue());
        } else if (content.isArray()) {
          for (JsonNode part : content.values()) {
            JsonNode text = part.path("text");
            tokens += text.isString() ? words(text.stringValue()) : 0;
          }
        }
      }
    }
    return tokens;
  }

  static int inputTokens(JsonNode input) {
    if (input.isString()) {
      return words(input.stringValue());
    }
    int tokens = 0;
    for (JsonNode item : input.values()) {
      tokens += item.isString() ? words(item.stringValue()) : item.isArray() ? item.size() : 1;
    }
    return tokens;
  }

  static int words(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }
}
