package io.conduit.media.webhook;

import static io.conduit.media.webhook.WebhookTestSupport.loopbackProperties;
import static io.conduit.media.webhook.WebhookTestSupport.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** No webhook secret in a log line, the delivery log, an error text or a view other than the rotation's answer. */
class SecretsStayHiddenIT {

    @Test
    void no_secret_appears_in_logs_the_delivery_log_or_views() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try (WebhookTestSupport support = new WebhookTestSupport(Instant.now())) {
            Receiver ok = support.closeLater(Receiver.start());
            Receiver failing = support.closeLater(Receiver.start());
            Receiver gone = support.closeLater(Receiver.start());
            failing.respond(503);
            gone.respond(410);
            String group = support.keyGroup("secretive");
            UUID groupId = UUID.fromString(group);
            WebhookViews.NewSecret first = support.admin.rotateSecret(groupId, null);
            WebhookViews.NewSecret second = support.admin.rotateSecret(groupId, null);
            List<String> secrets = List.of(first.secret(), second.secret());

            WebhookProperties properties = loopbackProperties();
            WebhookOutbox outbox = support.outbox(properties);
            support.enqueue(outbox, message("msg_ok", group, ok.url()), message("msg_503", group, failing.url()),
                    message("msg_410", group, gone.url()),
                    message("msg_refused", group, "http://10.0.0.1:" + ok.port() + "/hook"),
                    message("msg_bad", group, "ftp://example.com/"));
            WebhookDispatcher dispatcher = support.dispatcher(properties);
            dispatcher.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> support.finishedAttempts("msg_410") == 1
                    && support.finishedAttempts("msg_503") == 1 && support.finishedAttempts("msg_refused") == 1
                    && support.finishedAttempts("msg_ok") == 1);
            dispatcher.stop();

            List<String> seen = new ArrayList<>();
            for (ILoggingEvent event : logs.list) {
                seen.add(event.getFormattedMessage());
                if (event.getThrowableProxy() != null) {
                    seen.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
                }
            }
            assertThat(seen).as("log lines").isNotEmpty();
            seen.addAll(support.allStoredText());
            seen.add(support.admin.settings(groupId).toString());
            seen.add(first.toString());
            seen.add(second.toString());
            for (WebhookViews.Message stored : support.admin.messages(groupId, null, 100, 0)) {
                seen.add(support.admin.message(stored.id()).orElseThrow().toString());
            }
            for (String secret : secrets) {
                String key = secret.substring("whsec_".length());
                assertThat(seen).noneMatch(text -> text.contains(secret) || text.contains(key));
            }
            // stored, but only encrypted
            assertThat(support.scalar("select count(*) from webhook_settings where secret_ciphertext like 'v1:%'"
                    + " and previous_secret_ciphertext like 'v1:%'")).isEqualTo(1);
            for (String secret : secrets) {
                assertThat(support.scalar("select count(*) from webhook_settings where secret_ciphertext like ?"
                        + " or previous_secret_ciphertext like ?", "%" + secret.substring(6) + "%", "%" + secret.substring(6) + "%"))
                        .isZero();
            }
        } finally {
            root.detachAppender(logs);
        }
    }
}
