package io.conduit.ingress.jobs;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the job API behaves ({@code conduit.ingress.jobs.*}).
 *
 * @param syncTimeout how long a synchronous media request (images, speech, transcription) waits for its job
 * @param resultUrlTtl how long a presigned result URL ({@code response_format=url}) stays valid
 * @param asyncUploadThreshold uploads larger than this make a transcription or translation asynchronous
 * @param maxBodyBytes the largest JSON request accepted (413 above): the gateway's body limit
 * @param maxUploadBytes the largest multipart request accepted (413 above)
 * @param publishTimeout how long Kafka may take to acknowledge a new job before it fails as {@code unavailable}
 * @param heartbeat interval of the comment lines that keep an event stream open
 * @param recheck interval of the re-reads of a waited-for job, besides change notifications (a missed one costs only this)
 * @param uploadDir where multipart uploads larger than a few KiB wait on disk until they are stored
 */
public record JobsApiSettings(Duration syncTimeout, Duration resultUrlTtl, long asyncUploadThreshold,
        int maxBodyBytes, long maxUploadBytes, Duration publishTimeout, Duration heartbeat, Duration recheck, Path uploadDir) {

    /** The longest {@code ?wait=} of a long poll, in seconds. */
    public static final int MAX_WAIT_SECONDS = 60;

    public static JobsApiSettings defaults() {
        return new JobsApiSettings(Duration.ofMinutes(10), Duration.ofHours(1), 10L * 1024 * 1024, 20 * 1024 * 1024,
                25L * 1024 * 1024,
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5),
                Path.of(System.getProperty("java.io.tmpdir")));
    }
}
