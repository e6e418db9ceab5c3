package io.conduit.media.webhook;

import static io.conduit.media.webhook.WebhookTestSupport.loopbackProperties;
import static io.conduit.media.webhook.WebhookTestSupport.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.conduit.media.webhook.WebhookViews.Attempt;
import io.conduit.media.webhook.WebhookViews.RedeliveryResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery against real PostgreSQL and real HTTP receivers on 127.0.0.1 (allowed by the allow-list). */
class WebhookDeliveryIT {

    WebhookTestSupport support = new WebhookTestSupport(Instant.now());
    Receiver receiver;

    Receiver receiver() throws Exception {
        receiver = support.closeLater(Receiver.start());
        return receiver;
    }

    @AfterEach
    void close() {
        support.close();
    }

    static Map<String, List<String>> headers(Receiver.Request request) {
        return Map.of("webhook-id", List.of(request.webhookId()),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature")));
    }

    @Test
    void delivers_a_signed_payload_that_the_standard_webhooks_library_verifies() throws Exception {
        Receiver receiver = receiver();
        String group = support.keyGroup("signed");
        String secret = support.secret(group);
        WebhookProperties properties = loopbackProperties();
        support.enqueue(support.outbox(properties), new WebhookMessage("msg_signed_1", group, receiver.url(),
                "video.completed", "{\"id\":\"video_1\",\"status\":\"completed\"}", Instant.parse("2026-11-24T10:15:30Z")));

        assertThat(support.dispatcher(properties).deliverDue()).isEqualTo(1);

        Receiver.Request request = receiver.requests().getFirst();
        assertThat(request.body()).isEqualTo("{\"type\":\"video.completed\",\"timestamp\":\"2026-11-24T10:15:30Z\","
                + "\"data\":{\"id\":\"video_1\",\"status\":\"completed\"}}");
        assertThat(request.webhookId()).isEqualTo("msg_signed_1");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(support.clock.instant().getEpochSecond()));
        new Webhook(secret).verify(request.body(), headers(request));

        WebhookViews.Message stored = support.stored("msg_signed_1");
        assertThat(stored.status()).isEqualTo("delivered");
        assertThat(stored.deliveredAt()).isNotNull();
        assertThat(stored.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("delivered");
            assertThat(attempt.statusCode()).isEqualTo(200);
            assertThat(attempt.durationMs()).isNotNull();
            assertThat(attempt.dispatcher()).isEqualTo("dispatcher-1");
        });
    }

    @Test
    void retries_through_a_30_minute_outage_and_delivers_with_the_same_webhook_id() throws Exception {
        // the clock starts 45 minutes back, so the delivery that succeeds is stamped with about the real time
        Instant start = Instant.now().minus(Duration.ofMinutes(45));
        support.clock.set(start);
        Receiver receiver = receiver();
        receiver.respond(503);
        String group = support.keyGroup("outage");
        String secret = support.secret(group);
        WebhookProperties properties = loopbackProperties().withRetrySchedule(WebhookProperties.defaults().retrySchedule(), 0.1);
        support.enqueue(support.outbox(properties), message("msg_outage", group, receiver.url()));
        WebhookDispatcher dispatcher = support.dispatcher(properties);
        dispatcher.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> support.finishedAttempts("msg_outage") == 1);
        support.clock.set(start.plusSeconds(6));       // second attempt: 5 s (±10 %) after the first
        dispatcher.wakeUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> support.finishedAttempts("msg_outage") == 2);
        support.clock.set(start.plus(Duration.ofMinutes(6)));   // third: 5 min later
        dispatcher.wakeUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> support.finishedAttempts("msg_outage") == 3);

        support.clock.set(start.plus(Duration.ofMinutes(30)));  // the receiver is back; the fourth attempt is due after 35 min
        receiver.respond(200);
        assertThat(dispatcher.deliverDue()).isZero();
        assertThat(support.stored("msg_outage").status()).isEqualTo("pending");

        support.clock.set(start.plus(Duration.ofMinutes(45)));
        dispatcher.wakeUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> support.stored("msg_outage").status().equals("delivered"));

        List<Receiver.Request> requests = receiver.requests();
        assertThat(requests).hasSize(4).extracting(Receiver.Request::webhookId).containsOnly("msg_outage");
        assertThat(requests).extracting(Receiver.Request::body).containsOnly(requests.getFirst().body());
        for (Receiver.Request request : requests) {
            long timestamp = Long.parseLong(request.header("webhook-timestamp"));
            assertThat(request.header("webhook-signature"))
                    .isEqualTo(new Webhook(secret).sign("msg_outage", timestamp, request.body()));
        }
        new Webhook(secret).verify(requests.getLast().body(), headers(requests.getLast()));
        assertThat(requests).extracting(request -> Long.parseLong(request.header("webhook-timestamp"))).isSorted();

        List<Attempt> attempts = support.stored("msg_outage").attempts();
        assertThat(attempts).extracting(Attempt::attempt).containsExactly(1, 2, 3, 4);
        assertThat(attempts).extracting(Attempt::statusCode).containsExactly(503, 503, 503, 200);
        assertThat(attempts).extracting(Attempt::outcome).containsExactly("failed", "failed", "failed", "delivered");
        assertThat(attempts.getFirst().error()).isEqualTo("the receiver answered 503");
    }

    @Test
    void a_410_gone_disables_the_endpoint_until_an_operator_enables_it() throws Exception {
        Receiver receiver = receiver();
        receiver.respond(410);
        WebhookProperties properties = loopbackProperties();
        WebhookOutbox outbox = support.outbox(properties);
        WebhookDispatcher dispatcher = support.dispatcher(properties);
        support.enqueue(outbox, message("msg_gone_1", null, receiver.url()));
        dispatcher.deliverDue();

        assertThat(support.stored("msg_gone_1").status()).isEqualTo("failed");
        assertThat(support.stored("msg_gone_1").attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo("gone"));
        WebhookViews.Endpoint endpoint = support.admin.endpoints(true).getFirst();
        assertThat(endpoint.url()).isEqualTo(receiver.url());
        assertThat(endpoint.disabledReason()).contains("410");

        support.enqueue(outbox, message("msg_gone_2", null, receiver.url()));
        dispatcher.deliverDue();
        assertThat(receiver.requests()).hasSize(1);
        assertThat(support.stored("msg_gone_2").status()).isEqualTo("failed");
        assertThat(support.stored("msg_gone_2").attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("endpoint_disabled");
            assertThat(attempt.error()).contains("endpoint is disabled");
        });
        assertThat(support.admin.redeliver("msg_gone_2").result()).isEqualTo(RedeliveryResult.ENDPOINT_DISABLED);

        assertThat(support.admin.enableEndpoint(UUID.fromString(endpoint.id()))).hasValueSatisfying(
                enabled -> assertThat(enabled.disabled()).isFalse());
        receiver.respond(200);
        assertThat(support.admin.redeliver("msg_gone_2").result()).isEqualTo(RedeliveryResult.SCHEDULED);
        dispatcher.deliverDue();
        assertThat(support.stored("msg_gone_2").status()).isEqualTo("delivered");
        assertThat(receiver.requests()).extracting(Receiver.Request::webhookId).containsExactly("msg_gone_1", "msg_gone_2");
    }

    @Test
    void redirects_are_not_followed() throws Exception {
        Receiver receiver = receiver();
        WebhookProperties properties = loopbackProperties();
        support.enqueue(support.outbox(properties),
                message("msg_moved", null, "http://127.0.0.1:" + receiver.port() + "/moved"));
        support.dispatcher(properties).deliverDue();

        assertThat(receiver.requests()).extracting(Receiver.Request::path).containsExactly("/moved");
        WebhookViews.Message stored = support.stored("msg_moved");
        assertThat(stored.status()).isEqualTo("pending");
        assertThat(stored.lastStatusCode()).isEqualTo(301);
        assertThat(stored.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo("failed");
            assertThat(attempt.error()).contains("redirect (301) not followed");
        });
    }

    @Test
    void a_slow_receiver_times_out_and_is_retried() throws Exception {
        Receiver receiver = receiver();
        receiver.delay(Duration.ofSeconds(20));
        WebhookProperties properties = loopbackProperties().withTimeout(Duration.ofSeconds(1));
        support.enqueue(support.outbox(properties), message("msg_slow", null, receiver.url()));
        support.dispatcher(properties).deliverDue();

        WebhookViews.Message stored = support.stored("msg_slow");
        assertThat(stored.status()).isEqualTo("pending");
        assertThat(stored.nextAttemptAt()).isEqualTo(support.clock.instant().plusSeconds(5));
        assertThat(stored.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.error()).isEqualTo("timed out after 1 s");
            assertThat(attempt.statusCode()).isNull();
            assertThat(attempt.durationMs()).isBetween(900L, 5000L);
        });
    }

    @Test
    void an_unreachable_receiver_is_recorded_and_retried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookProperties properties = loopbackProperties();
        support.enqueue(support.outbox(properties), message("msg_down", null, "http://127.0.0.1:" + closedPort + "/hook"));
        support.dispatcher(properties).deliverDue();

        WebhookViews.Message stored = support.stored("msg_down");
        assertThat(stored.status()).isEqualTo("pending");
        assertThat(stored.lastError()).startsWith("could not connect to 127.0.0.1");
    }

    @Test
    void fails_for_good_after_the_last_attempt() throws Exception {
        Receiver receiver = receiver();
        receiver.respond(500);
        WebhookProperties properties = loopbackProperties()
                .withRetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)), 0);
        support.enqueue(support.outbox(properties), message("msg_doomed", null, receiver.url()));
        WebhookDispatcher dispatcher = support.dispatcher(properties);

        assertThat(dispatcher.deliverDue()).isEqualTo(1);
        support.clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.deliverDue()).isEqualTo(1);
        support.clock.advance(Duration.ofSeconds(2));
        assertThat(dispatcher.deliverDue()).isEqualTo(1);
        support.clock.advance(Duration.ofDays(3));
        assertThat(dispatcher.deliverDue()).isZero();

        WebhookViews.Message stored = support.stored("msg_doomed");
        assertThat(stored.status()).isEqualTo("failed");
        assertThat(stored.nextAttemptAt()).isNull();
        assertThat(stored.attemptCount()).isEqualTo(3);
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void refuses_loopback_for_good_without_the_allow_list() throws Exception {
        Receiver receiver = receiver();
        WebhookProperties strict = loopbackProperties().withAllowedNetworks(List.of());
        support.enqueue(support.outbox(strict), message("msg_ssrf_ip", null, receiver.url()),
                message("msg_ssrf_name", null, "http://localhost:" + receiver.port() + "/hook"));
        support.dispatcher(strict).deliverDue();

        assertThat(receiver.requests()).isEmpty();
        for (String id : List.of("msg_ssrf_ip", "msg_ssrf_name")) {
            WebhookViews.Message stored = support.stored(id);
            assertThat(stored.status()).isEqualTo("failed");
            assertThat(stored.attempts()).singleElement().satisfies(attempt -> {
                assertThat(attempt.outcome()).isEqualTo("refused");
                assertThat(attempt.error()).startsWith("refused: ").contains("loopback").contains("allowed-networks");
            });
        }
    }

    @Test
    void connects_to_the_checked_address_with_the_original_host_header() throws Exception {
        Receiver receiver = receiver();
        AtomicInteger lookups = new AtomicInteger();
        HostResolver resolver = host -> {
            lookups.incrementAndGet();
            return host.equals("hooks.example.test") ? List.of(InetAddress.ofLiteral("127.0.0.1")) : HostResolver.SYSTEM.resolve(host);
        };
        WebhookProperties properties = loopbackProperties();
        support.enqueue(support.outbox(properties),
                message("msg_pinned", null, "http://hooks.example.test:" + receiver.port() + "/hook"));
        support.dispatcher(properties, resolver, new PinnedHttpClient()).deliverDue();

        assertThat(support.stored("msg_pinned").status()).isEqualTo("delivered");
        assertThat(receiver.requests().getFirst().header("host")).isEqualTo("hooks.example.test:" + receiver.port());
        assertThat(lookups).hasValue(1); // resolved once, checked, and that address was used
    }

    @Test
    void signs_with_the_new_and_the_previous_secret_during_the_grace_period() throws Exception {
        Receiver receiver = receiver();
        String group = support.keyGroup("rotating");
        UUID groupId = UUID.fromString(group);
        String first = support.admin.rotateSecret(groupId, null).secret();
        WebhookViews.NewSecret rotated = support.admin.rotateSecret(groupId, null);
        String second = rotated.secret();
        assertThat(rotated.previousSecretExpiresAt()).isEqualTo(support.clock.instant().plus(Duration.ofHours(24)));
        WebhookProperties properties = loopbackProperties();
        WebhookOutbox outbox = support.outbox(properties);
        WebhookDispatcher dispatcher = support.dispatcher(properties);

        support.enqueue(outbox, message("msg_grace", group, receiver.url()));
        dispatcher.deliverDue();
        Receiver.Request during = receiver.requests().getLast();
        assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
        new Webhook(second).verify(during.body(), headers(during));
        new Webhook(first).verify(during.body(), headers(during));

        support.clock.advance(Duration.ofHours(25));
        support.enqueue(outbox, message("msg_after_grace", group, receiver.url()));
        dispatcher.deliverDue();
        Receiver.Request after = receiver.requests().getLast();
        long timestamp = Long.parseLong(after.header("webhook-timestamp"));
        assertThat(after.header("webhook-signature")).isEqualTo(new Webhook(second).sign("msg_after_grace", timestamp, after.body()));
        assertThat(support.admin.settings(groupId).previousSecretExpiresAt()).isBefore(support.clock.instant());
    }

    @Test
    void a_group_without_a_secret_gets_one_on_first_use() throws Exception {
        Receiver receiver = receiver();
        String group = support.keyGroup("no-secret-yet");
        WebhookProperties properties = loopbackProperties();
        support.enqueue(support.outbox(properties), message("msg_first_use", group, receiver.url()));
        support.dispatcher(properties).deliverDue();

        assertThat(receiver.requests().getFirst().header("webhook-signature")).startsWith("v1,");
        assertThat(support.admin.settings(UUID.fromString(group)).secretConfigured()).isTrue();
    }

    @Test
    void enqueueing_the_same_webhook_id_twice_keeps_one_message_and_a_rolled_back_change_leaves_none() throws Exception {
        Receiver receiver = receiver();
        WebhookProperties properties = loopbackProperties();
        WebhookOutbox outbox = support.outbox(properties);
        support.enqueue(outbox, message("msg_once", null, receiver.url()), message("msg_once", null, receiver.url()));
        support.enqueue(outbox, new WebhookMessage("msg_once", null, receiver.url(), "video.failed", "{\"changed\":true}",
                Instant.now()));
        try (Connection transaction = support.db.getConnection()) {
            transaction.setAutoCommit(false);
            outbox.enqueue(transaction, message("msg_rolled_back", null, receiver.url()));
            transaction.rollback();
        }

        assertThat(support.scalar("select count(*) from webhook_messages")).isEqualTo(1);
        assertThat(support.stored("msg_once").type()).isEqualTo("video.completed");
        support.dispatcher(properties).deliverDue();
        assertThat(receiver.requests()).extracting(Receiver.Request::webhookId).containsExactly("msg_once");
    }

    @Test
    void uses_the_group_default_url_and_records_when_there_is_no_url() throws Exception {
        Receiver receiver = receiver();
        String withDefault = support.keyGroup("with-default");
        String withoutDefault = support.keyGroup("without-default");
        support.admin.updateDefaultUrl(UUID.fromString(withDefault), receiver.url());
        WebhookProperties properties = loopbackProperties();
        WebhookOutbox outbox = support.outbox(properties);
        WebhookDispatcher dispatcher = support.dispatcher(properties);
        support.enqueue(outbox, message("msg_default", withDefault, null), message("msg_nowhere", withoutDefault, null));
        dispatcher.deliverDue();

        assertThat(receiver.requests()).extracting(Receiver.Request::webhookId).containsExactly("msg_default");
        WebhookViews.Message nowhere = support.stored("msg_nowhere");
        assertThat(nowhere.status()).isEqualTo("skipped");
        assertThat(nowhere.lastError()).contains("no webhook URL");
        assertThat(nowhere.attempts()).isEmpty();

        assertThat(support.admin.redeliver("msg_nowhere").result()).isEqualTo(RedeliveryResult.NO_URL);
        support.admin.updateDefaultUrl(UUID.fromString(withoutDefault), receiver.url());
        assertThat(support.admin.redeliver("msg_nowhere").result()).isEqualTo(RedeliveryResult.SCHEDULED);
        dispatcher.deliverDue();
        assertThat(support.stored("msg_nowhere").status()).isEqualTo("delivered");
    }

    @Test
    void an_invalid_job_url_is_recorded_as_failed_without_losing_the_job_change() throws Exception {
        support.enqueue(support.outbox(loopbackProperties()), message("msg_bad_url", null, "ftp://example.com/x"));
        WebhookViews.Message stored = support.stored("msg_bad_url");
        assertThat(stored.status()).isEqualTo("failed");
        assertThat(stored.lastError()).contains("http or https");
    }

    @Test
    void two_dispatchers_never_deliver_the_same_attempt_twice() throws Exception {
        Receiver receiver = receiver();
        WebhookProperties properties = loopbackProperties().withBatch(7, 4).withPollInterval(Duration.ofMillis(10));
        WebhookOutbox outbox = support.outbox(properties);
        WebhookMessage[] messages = new WebhookMessage[200];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = message("msg_race_" + i, null, receiver.url());
        }
        WebhookDispatcher a = support.dispatcher(properties);
        WebhookDispatcher b = support.dispatcher(properties);
        a.start();
        b.start();
        support.enqueue(outbox, messages);
        a.wakeUp();
        b.wakeUp();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> support.scalar("select count(*) from webhook_messages where status = 'delivered'") == 200);
        assertThat(receiver.requests()).hasSize(200);
        assertThat(receiver.requests()).extracting(Receiver.Request::webhookId).doesNotHaveDuplicates();
        assertThat(support.scalar("select count(*) from webhook_attempts")).isEqualTo(200);
        assertThat(support.scalar("select count(*) from webhook_attempts where attempt <> 1")).isZero();
        // both took part (each holds at most 4 messages at a time), so the claims really competed
        assertThat(support.scalar("select count(distinct dispatcher) from webhook_attempts")).isEqualTo(2);
    }
}
