package io.conduit.ingress.spring;

import io.conduit.router.health.HealthPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ingress role ({@code conduit.ingress.*}).
 *
 * @param host address to listen on
 * @param port gateway API port
 * @param maxBodyBytes largest request body accepted (413 above)
 * @param connectTimeout connecting to a provider
 * @param readTimeout longest silence from a provider before the call fails (504, or an error event mid-stream)
 * @param maxConnectionsPerHost pooled connections to one provider host
 * @param usageQueueCapacity usage events buffered in memory before they are written to the spool
 * @param usageSpoolDir where usage events wait on disk until Kafka has them (one subdirectory per instance)
 * @param usageSpoolMaxBytes the most the spool may hold (new events are dropped, with an ERROR, beyond it)
 * @param usageSendTimeout how long a send to Kafka may take before it is retried from the spool
 * @param configReloadInterval full configuration reload besides change events
 * @param maxAttempts upstream calls one request may make (each on another deployment)
 * @param retryBackoff base of the jittered exponential pause between attempts
 * @param maxRetryBackoff the longest pause between attempts
 * @param requestDeadline overall time one request may take, all attempts included
 * @param tryTimeout default time one attempt may wait for its answer to begin (a deployment may set its own)
 * @param circuit when a deployment is taken out of rotation and brought back
 * @param budgetHold how long a budget reservation lasts if its request never settles it (an instance died)
 * @param budgetDefaultMaxOutputTokens output tokens assumed for a request's worst case when neither it nor its model says
 * @param jobs the async media job API (videos, images, audio, jobs)
 */
@ConfigurationProperties("conduit.ingress")
public record IngressProperties(
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("5000") int port,
        @DefaultValue("20971520") int maxBodyBytes,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("600s") Duration readTimeout,
        @DefaultValue("1000") int maxConnectionsPerHost,
        @DefaultValue("100000") int usageQueueCapacity,
        @DefaultValue("./data/usage-spool") java.nio.file.Path usageSpoolDir,
        @DefaultValue("1073741824") long usageSpoolMaxBytes,
        @DefaultValue("30s") Duration usageSendTimeout,
        @DefaultValue("30s") Duration configReloadInterval,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("25ms") Duration retryBackoff,
        @DefaultValue("1s") Duration maxRetryBackoff,
        @DefaultValue("600s") Duration requestDeadline,
        @DefaultValue("600s") Duration tryTimeout,
        @DefaultValue Circuit circuit,
        @DefaultValue("11m") Duration budgetHold,
        @DefaultValue("4096") int budgetDefaultMaxOutputTokens,
        @DefaultValue Jobs jobs) {

    /**
     * The job API ({@code conduit.ingress.jobs.*}).
     *
     * @param syncTimeout how long a synchronous image, speech or transcription request waits for its job (then 504, the job goes on)
     * @param resultUrlTtl validity of presigned result URLs ({@code response_format=url})
     * @param asyncUploadThreshold transcriptions and translations of larger files answer 202 with the job
     * @param maxUploadBytes the largest multipart request (413 above); files above a few KiB wait on disk, not in memory
     * @param publishTimeout how long Kafka may take to acknowledge a new job (then the job fails as unavailable, 503)
     * @param sseHeartbeat interval of keep-alive comments on job event streams
     * @param recheck how often a waited-for job is read again besides its change notifications
     * @param uploadDir where uploads wait on disk while a request is handled (empty: the system temporary directory)
     */
    public record Jobs(
            @DefaultValue("10m") Duration syncTimeout,
            @DefaultValue("1h") Duration resultUrlTtl,
            @DefaultValue("10485760") long asyncUploadThreshold,
            @DefaultValue("26214400") long maxUploadBytes,
            @DefaultValue("5s") Duration publishTimeout,
            @DefaultValue("15s") Duration sseHeartbeat,
            @DefaultValue("5s") Duration recheck,
            @DefaultValue("") String uploadDir) {

        public io.conduit.ingress.jobs.JobsApiSettings toSettings(int maxBodyBytes) {
            java.nio.file.Path dir = java.nio.file.Path.of(uploadDir.isBlank() ? System.getProperty("java.io.tmpdir") : uploadDir);
            return new io.conduit.ingress.jobs.JobsApiSettings(syncTimeout, resultUrlTtl, asyncUploadThreshold, maxBodyBytes,
                    maxUploadBytes, publishTimeout, sseHeartbeat, recheck, dir);
        }
    }

    /**
     * Circuit breaking and outlier ejection per deployment ({@code conduit.ingress.circuit.*}).
     *
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
     * @param slowCallThreshold calls slower than this count as slow
     * @param slowCallRateThreshold percentage of slow calls that opens the circuit
     * @param windowSize calls in the sliding window
     * @param minimumCalls calls before the rates count
     * @param openWait how long the circuit stays open before half-open probes
     * @param halfOpenProbes calls let through half-open
     * @param ejectAfter consecutive failures that eject a deployment
     * @param baseCooldown first ejection's length, doubled on each further one
     * @param maxCooldown longest ejection
     */
    public record Circuit(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("60s") Duration slowCallThreshold,
            @DefaultValue("100") float slowCallRateThreshold,
            @DefaultValue("20") int windowSize,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("30s") Duration openWait,
            @DefaultValue("3") int halfOpenProbes,
            @DefaultValue("5") int ejectAfter,
            @DefaultValue("5s") Duration baseCooldown,
            @DefaultValue("300s") Duration maxCooldown) {

        public HealthPolicy toPolicy() {
            return new HealthPolicy(failureRateThreshold, slowCallThreshold, slowCallRateThreshold, windowSize,
                    minimumCalls, openWait, halfOpenProbes, ejectAfter, baseCooldown, maxCooldown);
        }
    }
}
