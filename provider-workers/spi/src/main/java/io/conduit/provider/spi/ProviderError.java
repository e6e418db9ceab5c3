package io.conduit.provider.spi;

/** An error as the OpenAI error envelope carries it: {@code {"error":{"message","type","param","code"}}}. */
public record ProviderError(String message, String type, String param, String code) {}
