package io.conduit.contracts.jobs;

import java.util.Arrays;

/**
 * What a media job makes. Its {@link #id()} is the job's {@code kind} in the API, and the prefix of
 * its webhook event types ({@code video.completed}, {@code image.failed}, …).
 */
public enum JobKind {
    VIDEO("video", "videos"),
    IMAGE("image", "images.generations"),
    IMAGE_EDIT("image", "images.edits"),
    SPEECH("speech", "audio.speech"),
    TRANSCRIPTION("transcription", "audio.transcriptions"),
    TRANSLATION("translation", "audio.translations");

    private final String id;
    private final String endpoint;

    JobKind(String id, String endpoint) {
        this.id = id;
        this.endpoint = endpoint;
    }

    /** The kind as clients see it, e.g. {@code video}. */
    public String id() {
        return id;
    }

    /** The API the job serves, as usage events name it ({@code UsageEvent.endpoint}), e.g. {@code videos}. */
    public String endpoint() {
        return endpoint;
    }

    /** The kind serving an endpoint ({@link #endpoint()}). */
    public static JobKind ofEndpoint(String endpoint) {
        return Arrays.stream(values()).filter(k -> k.endpoint.equals(endpoint)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no job kind serves " + endpoint));
    }
}
