package io.conduit.provider.spi;

/** What an adapter can do; more capabilities (images, speech, video …) join as adapters gain them. */
public enum Capability {
    CHAT_COMPLETIONS,
    EMBEDDINGS
}
