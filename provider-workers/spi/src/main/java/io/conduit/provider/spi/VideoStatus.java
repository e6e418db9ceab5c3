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
 *     hands out such a URL; null when they are fetched with {@link VideoJobs#download(ProviderEndpoint, String, VideoStatus, VideoJobs.Asset)}
 * @param seconds length of the video in seconds, 0 when unknown (see {@link VideoJobs#requested})
 * @param resolution e.g. {@code 1280x720}, null when unknown
 * @param resultFile the provider's own name for a finished job's result when it is fetched through the
 *     provider, with its credential (Gemini's file URI, MiniMax's {@code file_id}); null otherwise
 */
public record VideoStatus(State state, int progressPercent, ProviderError failure, URI resultUrl, long seconds,
        String resolution, String resultFile) {

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

    /** A status without a provider file name. */
    public VideoStatus(State state, int progressPercent, ProviderError failure, URI resultUrl, long seconds,
            String resolution) {
        this(state, progressPercent, failure, resultUrl, seconds, resolution, null);
    }

    public OptionalInt progress() {
        return progressPercent < 0 ? OptionalInt.empty() : OptionalInt.of(progressPercent);
    }

    /** The same status with a credential-free result URL (what {@link VideoJobs#located} finds). */
    public VideoStatus withResultUrl(URI url) {
        return new VideoStatus(state, progressPercent, failure, url, seconds, resolution, resultFile);
    }

    /** The units of the video, for pricing. */
    public MediaUsage media() {
        return new MediaUsage(0, null, null, seconds, resolution, 0, 0);
    }
}
