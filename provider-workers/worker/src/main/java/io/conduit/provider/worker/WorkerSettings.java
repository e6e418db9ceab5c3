package io.conduit.provider.worker;

import java.time.Duration;

/**
 * How workers run jobs ({@code conduit.workers.*}).
 *
 * @param maxConcurrentJobs jobs one worker process runs at once; past it, it stops taking new ones
 * @param pollInterval how often a provider task is polled
 * @param attempts tries of one provider call on retriable errors (429, 5xx, timeouts), with backoff
 * @param backoff the first wait between tries, doubled each time (a provider's retry-after wins)
 * @param connectTimeout connecting to a provider
 * @param requestTimeout one provider call (downloads of results included)
 * @param jobTimeout a job still unfinished after this is failed ({@code timeout})
 */
public record WorkerSettings(int maxConcurrentJobs, Duration pollInterval, int attempts, Duration backoff,
        Duration connectTimeout, Duration requestTimeout, Duration jobTimeout) {

    public static WorkerSettings defaults() {
        return new WorkerSettings(256, Duration.ofSeconds(2), 5, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMinutes(5), Duration.ofHours(2));
    }
}
