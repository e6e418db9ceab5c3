package io.conduit.provider.spi;

import java.util.Map;

/**
 * Capability: asynchronous video generation. A job is submitted once; its provider task id is kept
 * (so a worker that takes the job over polls instead of submitting, and paying, twice); it is polled
 * (or its callback awaited) until it ends; then its bytes are downloaded. The adapter builds each
 * request and reads each answer; the caller owns the transport, timing and storage.
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
     * The request that cancels a running job at the provider, empty when the provider has no way to
     * (the job is then abandoned: polled no more, its result never fetched).
     */
    default java.util.Optional<UpstreamRequest> cancel(ProviderEndpoint endpoint, String taskId) {
        return java.util.Optional.empty();
    }

    /**
     * The request for a finished job's bytes, credentials included, for providers that serve them
     * themselves; when a status carries a {@link VideoStatus#resultUrl()}, {@link #download(VideoStatus)}
     * fetches that instead.
     */
    UpstreamRequest download(ProviderEndpoint endpoint, String taskId, Asset asset);

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
