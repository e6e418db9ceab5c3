package io.conduit.provider.replicate;

import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderErrorMapper;
import io.conduit.provider.spi.VideoJobs;
import java.time.Clock;
import java.util.Optional;

/**
 * Replicate's predictions API (provider type {@code replicate}, default base URL
 * {@code https://api.replicate.com/v1}): video models as OpenAI's {@code /videos} ({@link ReplicateVideos},
 * polled or called back through webhooks, see {@link ReplicateWebhooks}) and image models as OpenAI's
 * {@code /images} ({@link ReplicateImages}, answered synchronously with {@code Prefer: wait}). The
 * provider model names what runs: {@code owner/name} (an official model, its latest version),
 * {@code owner/name:version} or a bare version id, or {@code deployments/owner/name}. The credential is
 * a Replicate API token, sent as a bearer token. Replicate has no chat: the type serves only media jobs.
 */
public final class ReplicateAdapter implements ProviderAdapter {

    public static final String ID = "replicate";

    private final VideoJobs videos = new ReplicateVideos();
    private final ImageGeneration images;
    private final ProviderErrorMapper errors = new ReplicateErrorMapper();

    private ReplicateAdapter(Clock clock) {
        this.images = new ReplicateImages(clock);
    }

    public static ReplicateAdapter create() {
        return new ReplicateAdapter(Clock.systemUTC());
    }

    static ReplicateAdapter create(Clock clock) {
        return new ReplicateAdapter(clock);
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
    public Optional<ImageGeneration> imageGeneration() {
        return Optional.of(images);
    }

    @Override
    public ProviderErrorMapper errorMapper() {
        return errors;
    }
}
