package io.conduit.provider.spi;

import io.conduit.contracts.usage.MediaUsage;
import java.net.URI;
import java.util.OptionalInt;

/**
 * Where a provider's video job stands, as its adapter read it.
 *
 * @param state the job's state
 * @param progressPercent 0–100 as the provider reports it, -1 when it reports none (never invented)
 * @param failure why a {@link State#FAILED} job failed (code and message as the provider gave them), else null
 * @param resultUrl where a finished job's bytes can be fetched without credentials, when the provider
 *     hands out such a URL; null when they are fetched with {@link VideoJobs#download(ProviderEndpoint, String, VideoJobs.Asset)}
 * @param seconds length of the video in seconds, 0 when unknown
 * @param resolution e.g. {@code 1280x720}, null when unknown
 */
public record VideoStatus(State state, int progressPercent, ProviderError failure, URI resultUrl, long seconds,
        String resolution) {

    /** The provider-independent states of a job. */
    public enum State {
        QUEUED,
        IN_PROGRESS,
        COMPLETED,
        FAILED;

        public boolean terminal() {
            return this == COMPLETED || this == FAILED;
        }
    }

    public VideoStatus {
        if (progressPercent < -1 || progressPercent > 100) {
            progressPercent = Math.clamp(progressPercent, -1, 100);
        }
    }

    public OptionalInt progress() {
        return progressPercent < 0 ? OptionalInt.empty() : OptionalInt.of(progressPercent);
    }

    /** The units of the video, for pricing. */
    public MediaUsage media() {
        return new MediaUsage(0, null, null, seconds, resolution, 0, 0);
    }
}
