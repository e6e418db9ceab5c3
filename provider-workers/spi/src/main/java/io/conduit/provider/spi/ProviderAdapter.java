package io.conduit.provider.spi;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A provider family. Registered by its explicit {@link #id()} (the provider {@code type} in the
 * configuration); each capability it supports is a small interface it returns.
 */
public interface ProviderAdapter {

    /** The provider type this adapter serves, e.g. {@code openai}. */
    String id();

    default Optional<ChatCompletions> chatCompletions() {
        return Optional.empty();
    }

    default Optional<Embeddings> embeddings() {
        return Optional.empty();
    }

    /**
     * OpenAI's Responses API, when the provider serves it itself; empty (the default) when Responses
     * clients are to be served through the chat-completions translation.
     */
    default Optional<Responses> responses() {
        return Optional.empty();
    }

    /** Image generation and editing ({@link Capability#IMAGE_GENERATION}). */
    default Optional<ImageGeneration> imageGeneration() {
        return Optional.empty();
    }

    /** Text to speech ({@link Capability#SPEECH}). */
    default Optional<Speech> speech() {
        return Optional.empty();
    }

    /** Transcription and translation of audio ({@link Capability#TRANSCRIPTION}). */
    default Optional<Transcription> transcription() {
        return Optional.empty();
    }

    /** Asynchronous video generation ({@link Capability#VIDEO_GENERATION}). */
    default Optional<VideoJobs> videoJobs() {
        return Optional.empty();
    }

    /** Maps a provider's error answer to the closed set of provider errors. */
    ProviderErrorMapper errorMapper();

    /** What a model of this provider can do, as far as the adapter knows; deployments may override it. */
    default ModelCapabilities modelCapabilities(String providerModel) {
        return ModelCapabilities.UNKNOWN;
    }

    default Set<Capability> capabilities() {
        Set<Capability> set = EnumSet.noneOf(Capability.class);
        chatCompletions().ifPresent(c -> {
            set.add(Capability.CHAT_COMPLETIONS);
            set.add(Capability.CHAT_STREAMING);
        });
        embeddings().ifPresent(c -> set.add(Capability.EMBEDDINGS));
        imageGeneration().ifPresent(c -> set.add(Capability.IMAGE_GENERATION));
        speech().ifPresent(c -> set.add(Capability.SPEECH));
        transcription().ifPresent(c -> set.add(Capability.TRANSCRIPTION));
        videoJobs().ifPresent(c -> set.add(Capability.VIDEO_GENERATION));
        return set;
    }
}
