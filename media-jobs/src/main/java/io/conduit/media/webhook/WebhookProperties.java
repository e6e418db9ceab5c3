package io.conduit.media.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of webhook delivery ({@code conduit.webhooks.*}, e.g. {@code CONDUIT_WEBHOOKS_TIMEOUT}).
 *
 * @param enabled run the dispatcher in this process (messages are enqueued regardless)
 * @param retrySchedule the wait before each attempt: the first is the wait after enqueueing, then one per retry;
 *     a message fails for good after the last one (Standard Webhooks: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h)
 * @param jitter random spread of each wait, as a fraction (0.1: ±10 %), so retries of many messages do not land together
 * @param timeout the longest one attempt may take, connecting and TLS included
 * @param allowedNetworks CIDRs ({@code 10.1.0.0/16}, {@code ::1/128}, single addresses) and host names
 *     ({@code hooks.internal}, {@code *.corp.example}) that may be called although they are private, loopback
 *     or otherwise refused (also {@code CONDUIT_WEBHOOK_ALLOWED_HOSTS}, comma-separated)
 * @param pollInterval how often a dispatcher looks for due messages when idle
 * @param batchSize most messages one dispatcher claims at once
 * @param concurrency most deliveries one dispatcher runs at the same time
 * @param secretGracePeriod how long the previous signing secret still signs after a rotation (read by admin)
 */
@ConfigurationProperties("conduit.webhooks")
public record WebhookProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
        @DefaultValue("0.1") double jitter,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("16") int concurrency,
        @DefaultValue("24h") Duration secretGracePeriod) {

    public WebhookProperties {
        retrySchedule = List.copyOf(retrySchedule);
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        if (retrySchedule.isEmpty() || retrySchedule.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("conduit.webhooks.retry-schedule must list at least one wait, none negative");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("conduit.webhooks.jitter must be in [0, 1)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("conduit.webhooks.timeout must be positive");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("conduit.webhooks.poll-interval must be positive");
        }
        if (batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("conduit.webhooks.batch-size and concurrency must be at least 1");
        }
        if (secretGracePeriod.isNegative()) {
            throw new IllegalArgumentException("conduit.webhooks.secret-grace-period must not be negative");
        }
        // validates the entries at start rather than at the first delivery
        AddressPolicy.allowing(allowedNetworks);
    }

    /** The defaults. */
    public static WebhookProperties defaults() {
        return new WebhookProperties(true, List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
                0.1, Duration.ofSeconds(15), List.of(), Duration.ofSeconds(1), 50, 16, Duration.ofHours(24));
    }

    public WebhookProperties withRetrySchedule(List<Duration> schedule, double jitter) {
        return new WebhookProperties(enabled, schedule, jitter, timeout, allowedNetworks, pollInterval, batchSize,
                concurrency, secretGracePeriod);
    }

    public WebhookProperties withTimeout(Duration timeout) {
        return new WebhookProperties(enabled, retrySchedule, jitter, timeout, allowedNetworks, pollInterval, batchSize,
                concurrency, secretGracePeriod);
    }

    public WebhookProperties withAllowedNetworks(List<String> allowed) {
        return new WebhookProperties(enabled, retrySchedule, jitter, timeout, allowed, pollInterval, batchSize,
                concurrency, secretGracePeriod);
    }

    public WebhookProperties withPollInterval(Duration interval) {
        return new WebhookProperties(enabled, retrySchedule, jitter, timeout, allowedNetworks, interval, batchSize,
                concurrency, secretGracePeriod);
    }

    public WebhookProperties withBatch(int batchSize, int concurrency) {
        return new WebhookProperties(enabled, retrySchedule, jitter, timeout, allowedNetworks, pollInterval, batchSize,
                concurrency, secretGracePeriod);
    }

    public WebhookProperties withSecretGracePeriod(Duration grace) {
        return new WebhookProperties(enabled, retrySchedule, jitter, timeout, allowedNetworks, pollInterval, batchSize,
                concurrency, grace);
    }
}
