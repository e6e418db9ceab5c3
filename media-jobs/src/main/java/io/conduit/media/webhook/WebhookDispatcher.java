package io.conduit.media.webhook;

import io.conduit.contracts.security.CredentialCipher;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Delivers due webhook messages, at least once, each with its stable {@code webhook-id}: claims them
 * from the outbox ({@link WebhookDeliveryStore}: any number of dispatchers may share it), signs and
 * sends each ({@link WebhookSender}), and records the attempt and what follows: delivered on a 2xx;
 * the next attempt on the retry schedule ({@link RetrySchedule}) after a failure; failed for good
 * after the last attempt, on a 410 Gone (which also disables the endpoint), when the address is
 * refused, or when the endpoint is disabled.
 *
 * <p>All scheduling reads the injected {@link Clock}; request timeouts are real time. As a
 * {@link SmartLifecycle} it starts with the application context (unless {@code conduit.webhooks.enabled}
 * is false) and on stop lets running attempts end.
 */
public final class WebhookDispatcher implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Beyond the request timeout, how long a claimed message stays with its dispatcher before another may take it. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(60);

    private final WebhookDeliveryStore store;
    private final SigningKeys keys;
    private final WebhookSender sender;
    private final PinnedHttpClient http;
    private final RetrySchedule schedule;
    private final WebhookProperties properties;
    private final Clock clock;
    private final String instanceId;
    private final Semaphore slots;
    private final Semaphore wake = new Semaphore(0);
    private final Object lifecycle = new Object();

    private volatile boolean running;
    private Thread loop;
    private ExecutorService deliveries;

    /**
     * A dispatcher on the given outbox database.
     *
     * @param resolver how host names are resolved ({@link HostResolver#SYSTEM} outside tests)
     * @param http the client that sends (its TLS trust decides which certificates are accepted)
     * @param instanceId names this dispatcher in the delivery log
     */
    public WebhookDispatcher(DataSource dataSource, CredentialCipher cipher, WebhookProperties properties, Clock clock,
            HostResolver resolver, PinnedHttpClient http, String instanceId) {
        this.store = new WebhookDeliveryStore(dataSource);
        this.keys = new SigningKeys(dataSource, cipher, clock);
        this.http = http;
        this.sender = new WebhookSender(AddressPolicy.allowing(properties.allowedNetworks()), resolver, http,
                properties.timeout());
        this.schedule = new RetrySchedule(properties.retrySchedule(), properties.jitter());
        this.properties = properties;
        this.clock = clock;
        this.instanceId = instanceId;
        this.slots = new Semaphore(properties.concurrency());
    }

    /** A dispatcher with the system resolver, the JDK's trust store and a generated instance id. */
    public static WebhookDispatcher create(DataSource dataSource, CredentialCipher cipher, WebhookProperties properties,
            Clock clock) {
        return new WebhookDispatcher(dataSource, cipher, properties, clock, HostResolver.SYSTEM, new PinnedHttpClient(),
                defaultInstanceId());
    }

    static String defaultInstanceId() {
        return "media-jobs-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }

    public String instanceId() {
        return instanceId;
    }

    /**
     * Claims the messages due now (up to the batch size) and delivers them, returning when every
     * attempt has been recorded: the number of attempts made. For tests and tools; the running
     * dispatcher does the same continuously.
     */
    public int deliverDue() throws SQLException {
        List<WebhookDeliveryStore.Claimed> claimed = claim(properties.batchSize());
        try (ExecutorService batch = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> attempts = new ArrayList<>();
            for (WebhookDeliveryStore.Claimed message : claimed) {
                attempts.add(batch.submit(() -> deliver(message)));
            }
            for (Future<?> attempt : attempts) {
                try {
                    attempt.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return claimed.size();
    }

    /** Makes the running dispatcher look for due messages now instead of at its next poll. */
    public void wakeUp() {
        wake.release();
    }

    private List<WebhookDeliveryStore.Claimed> claim(int limit) throws SQLException {
        Instant now = clock.instant();
        return store.claim(now, now.plus(properties.timeout()).plus(LEASE_MARGIN), limit, instanceId);
    }

    /** One attempt of a claimed message, recorded; never throws. */
    void deliver(WebhookDeliveryStore.Claimed message) {
        try {
            WebhookSender.Result result = attempt(message);
            Instant finished = clock.instant();
            Duration wait = result.outcome() == AttemptOutcome.FAILED
                    ? schedule.after(message.roundAttempts(), result.retryAfter()) : null;
            String status = switch (result.outcome()) {
                case DELIVERED -> "delivered";
                case FAILED -> wait == null ? "failed" : "pending";
                default -> "failed";
            };
            Instant next = wait == null ? null : finished.plus(wait);
            boolean current = store.finish(message, result, finished, status, next);
            report(message, result, status, current);
        } catch (SQLException | RuntimeException e) {
            // the lease runs out and another attempt follows: at least once
            log.warn("Webhook {}: attempt {} could not be recorded ({}); it will be retried after its lease",
                    message.id(), message.attempt(), e.getClass().getSimpleName());
        }
    }

    private WebhookSender.Result attempt(WebhookDeliveryStore.Claimed message) {
        if (message.endpointDisabled()) {
            return new WebhookSender.Result(AttemptOutcome.ENDPOINT_DISABLED, null, "not sent: the endpoint is disabled ("
                    + message.disabledReason() + "); enable it in the admin API, then redeliver", null, 0);
        }
        List<String> secrets;
        try {
            secrets = keys.secretsFor(message.keyGroupId());
        } catch (SQLException e) {
            return new WebhookSender.Result(AttemptOutcome.FAILED, null,
                    "not sent: the signing secret could not be read (database error " + e.getSQLState() + ")", null, 0);
        } catch (RuntimeException e) {
            return new WebhookSender.Result(AttemptOutcome.FAILED, null, "not sent: " + e.getMessage(), null, 0);
        }
        return sender.send(message.url(), message.id(), clock.instant().getEpochSecond(), message.payload(), secrets);
    }

    private void report(WebhookDeliveryStore.Claimed message, WebhookSender.Result result, String status, boolean current) {
        String url = WebhookUrls.redact(message.url());
        if (!current) {
            log.info("Webhook {}: attempt {} to {} ended ({}) after another dispatcher took the message over",
                    message.id(), message.attempt(), url, result.outcome().id());
        } else if (result.outcome() == AttemptOutcome.DELIVERED) {
            log.debug("Webhook {} delivered to {} (attempt {}, {} ms)", message.id(), url, message.attempt(),
                    result.durationMillis());
        } else if ("pending".equals(status)) {
            log.info("Webhook {}: attempt {} to {} failed, retried later: {}", message.id(), message.attempt(), url,
                    result.error());
        } else {
            log.warn("Webhook {} failed for good after attempt {} to {}: {}", message.id(), message.attempt(), url,
                    result.error());
        }
    }

    private void run() {
        while (running) {
            int free = slots.availablePermits();
            boolean full = false;
            if (free > 0) {
                try {
                    int limit = Math.min(free, properties.batchSize());
                    List<WebhookDeliveryStore.Claimed> claimed = claim(limit);
                    for (WebhookDeliveryStore.Claimed message : claimed) {
                        slots.acquireUninterruptibly();
                        deliveries.execute(() -> {
                            try {
                                deliver(message);
                            } finally {
                                slots.release();
                                wakeUp();
                            }
                        });
                    }
                    full = claimed.size() == limit;
                } catch (SQLException | RuntimeException e) {
                    log.warn("Webhook dispatcher could not claim due messages: {}", e.toString());
                }
            }
            if (!full || slots.availablePermits() == 0) {
                try {
                    wake.tryAcquire(properties.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wake.drainPermits();
            }
        }
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            running = true;
            deliveries = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-delivery-", 0).factory());
            loop = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::run);
            log.info("Webhook dispatcher {} started (timeout {}, {} attempts)", instanceId,
                    PinnedHttpClient.describe(properties.timeout()), schedule.attempts());
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            wakeUp();
            try {
                loop.join(properties.pollInterval().plusSeconds(5).toMillis());
                deliveries.shutdown();
                if (!deliveries.awaitTermination(properties.timeout().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                    deliveries.shutdownNow();
                }
            } catch (InterruptedException e) {
                deliveries.shutdownNow();
                Thread.currentThread().interrupt();
            }
            log.info("Webhook dispatcher {} stopped", instanceId);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    @Override
    public void close() {
        stop();
        http.close();
    }
}
