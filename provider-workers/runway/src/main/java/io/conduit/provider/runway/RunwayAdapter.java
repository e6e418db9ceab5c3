package io.conduit.provider.runway;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.VideoJobs;
import java.util.Optional;

/**
 * Runway's developer API (provider type {@code runway}, default base URL
 * {@code https://api.dev.runwayml.com/v1}): video generation as OpenAI's {@code /videos}, over
 * Runway's task API ({@link RunwayVideos}). The credential is a Runway API key, sent as a bearer token
 * with the API version header {@code X-Runway-Version} (setting {@code api_version}, default
 * {@code 2024-11-06}). Runway has no chat: the type serves only media jobs.
 */
public final class RunwayAdapter implements ProviderAdapter {

    public static final String ID = "runway";

    private final VideoJobs videos = new RunwayVideos();
    private final ProviderErrorMapper errors = new RunwayErrorMapper();

    private RunwayAdapter() {}

    public static RunwayAdapter create() {
        return new RunwayAdapter();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<VideoJobs> videoJobs() {
        return Optional.of(videos);
    }

    @Override
    public ProviderErrorMapper errorMapper() {
        return errors;
    }
}
