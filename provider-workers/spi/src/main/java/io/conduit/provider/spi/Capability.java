package io.conduit.provider.spi;

/**
 * What an adapter can do. The media capabilities (images, speech, transcription, video) are
 * declared here so every family can say what it offers; the async media job flow uses them.
 */
public enum Capability {
    CHAT_COMPLETIONS,
    CHAT_STREAMING,
    EMBEDDINGS,
    IMAGE_GENERATION,
    SPEECH,
    TRANSCRIPTION,
    VIDEO_GENERATION
}
