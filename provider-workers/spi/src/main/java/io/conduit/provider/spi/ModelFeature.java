package io.conduit.provider.spi;

/** What a chat model accepts beyond plain text; a model's capabilities list the ones it has. */
public enum ModelFeature {
    /** Image parts in user messages. */
    VISION,
    /** Function tools and {@code tool_choice}. */
    TOOLS,
    /** {@code response_format} of type {@code json_schema} (structured output). */
    JSON_SCHEMA,
    /** Reasoning / extended thinking, reported as {@code reasoning_tokens}. */
    REASONING
}
