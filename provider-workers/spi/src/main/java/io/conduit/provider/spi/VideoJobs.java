package io.conduit.provider.spi;

import io.conduit.contracts.usage.MediaUsage;
import io.conduit.provider.spi.media.VideoRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Capability: asynchronous video generation. A job is submitted once; its provider task id is kept
 * (so a worker that takes the job over polls instead of submitting, and paying, twice); it is polled
 * (or its callback awaited) until it ends; then its bytes are downloaded. The adapter builds each
 * request and reads each answer; the caller owns the transport, timing and storage.
 *
 * <p>The whole flow, as a caller runs it:
 * <pre>{@code
 * String task = jobs.submitted(send(jobs.submit(endpoint, call)));        // or submit(endpoint, call, callbackUrl)
 * VideoStatus status = jobs.status(send(jobs.poll(endpoint, task)));      // until status.state().terminal()
 * Optional<UpstreamRequest> where = jobs.locate(endpoint, status);        // MiniMax only: file → signed URL
 * if (where.isPresent()) status = jobs.located(status, send(where.get()));
 * byte[] video = send(jobs.download(endpoint, task, status, Asset.VIDEO)); // follow redirects
 * }</pre>
 */
public interface VideoJobs {

    /** Which downloadable asset of a finished job. */
    enum Asset {
        VIDEO,
        THUMBNAIL
    }

    /** The provider request creating the job for a client's request ({@code call.body()}, OpenAI's {@code /videos} shape). */
    UpstreamRequest submit(ProviderEndpoint endpoint, InboundCall call);

    /**
     * Whether the provider can call back when the job's state changes, so {@link #submit(ProviderEndpoint,
     * InboundCall, URI)} asks it to (the callback's body is read with {@link #status(byte[])}).
     */
    default boolean callbacks() {
        return false;
    }

    /**
     * The provider request creating the job and asking the provider to {@code POST} the job's status to
     * {@code callback} (a per-job URL of the caller's) as it changes, when it {@link #callbacks() can};
     * an adapter whose provider cannot ignores the URL (the job is then polled).
     */
    default UpstreamRequest submit(ProviderEndpoint endpoint, InboundCall call, URI callback) {
        return submit(endpoint, call);
    }

    /**
     * The provider's task id from a successful submit answer.
     *
     * @throws ProviderException when the answer names no task
     */
    String submitted(byte[] providerBody);

    /** The {@code GET} that reads a job's status. */
    UpstreamRequest poll(ProviderEndpoint endpoint, String taskId);

    /**
     * A job's status from a successful poll answer (or a callback's body).
     *
     * @throws ProviderException when the answer is unreadable
     */
    VideoStatus status(byte[] providerBody);

    /**
     * The units the client's request asks for, the provider's defaults filled in: what a job is priced
     * by before it ends, and after, wherever its status reports none (most providers report no length).
     * By default the {@code seconds} and {@code size} asked for, 0 and null when absent.
     */
    default MediaUsage requested(InboundCall call) {
        VideoRequest request = VideoRequest.of(call.body());
        return new MediaUsage(0, null, null, request.seconds() == null ? 0 : request.seconds(), request.sizeText(), 0, 0);
    }

    /**
     * The request that cancels a job, for providers that can; empty when they cannot (the job then runs
     * to its end, and is paid). A cancelled job's next status is {@link VideoStatus.State#FAILED} with
     * the provider's reason.
     */
    default Optional<UpstreamRequest> cancel(ProviderEndpoint endpoint, String taskId) {
        return Optional.empty();
    }

    /**
     * The request for a finished job's bytes, credentials included, for providers that serve them
     * themselves; when a status carries a {@link VideoStatus#resultUrl()}, {@link #download(VideoStatus)}
     * fetches that instead. Callers use {@link #download(ProviderEndpoint, String, VideoStatus, Asset)},
     * which chooses.
     */
    UpstreamRequest download(ProviderEndpoint endpoint, String taskId, Asset asset);

    /**
     * The request for a finished job's bytes given its final status: its result URL without credentials
     * when it has one (and the video is asked for), else the provider's own download. Adapters whose
     * results are files behind the credential ({@link VideoStatus#resultFile()}) override this.
     */
    default UpstreamRequest download(ProviderEndpoint endpoint, String taskId, VideoStatus status, Asset asset) {
        return status.resultUrl() != null && asset == Asset.VIDEO ? download(status) : download(endpoint, taskId, asset);
    }

    /**
     * The request that finds where a finished job's bytes can be fetched without credentials, for
     * providers whose final status names a file rather than a URL (MiniMax: {@code file_id} →
     * {@code download_url}); empty (the default) when the status is enough.
     */
    default Optional<UpstreamRequest> locate(ProviderEndpoint endpoint, VideoStatus status) {
        return Optional.empty();
    }

    /**
     * The status completed with what a successful {@link #locate} answer says (its result URL).
     *
     * @throws ProviderException when the answer is unreadable or reports an error
     */
    default VideoStatus located(VideoStatus status, byte[] providerBody) {
        return status;
    }

    /**
     * The {@code GET} of a result URL the provider handed out (usually signed and short-lived): sent
     * without the provider's credentials, which must not leak to a storage host.
     *
     * @throws IllegalArgumentException when the status carries no result URL
     */
    default UpstreamRequest download(VideoStatus status) {
        if (status.resultUrl() == null) {
            throw new IllegalArgumentException("the status carries no result URL");
        }
        return UpstreamRequest.get(status.resultUrl(), Map.of());
    }
}
