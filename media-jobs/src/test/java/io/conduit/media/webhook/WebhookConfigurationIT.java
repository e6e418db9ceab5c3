package io.conduit.media.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conduit.contracts.security.CredentialCipher;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The Spring wiring the media-jobs role imports: properties bound, outbox and dispatcher created, lifecycle followed. */
class WebhookConfigurationIT {

    @Configuration(proxyBeanMethods = false)
    @Import(WebhookConfiguration.class)
    static class MediaJobsRole {

        @Bean
        CredentialCipher credentialCipher() {
            return WebhookTestSupport.CIPHER;
        }
    }

    @Test
    void starts_the_dispatcher_with_the_context_and_stops_it_on_close() throws Exception {
        DataSource db = TestDatabase.fresh();
        try (Receiver receiver = Receiver.start()) {
            SpringApplication application = new SpringApplication(MediaJobsRole.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setDefaultProperties(Map.of(
                    "conduit.webhooks.poll-interval", "50ms",
                    "conduit.webhooks.retry-schedule", "0s,1s,1m",
                    "conduit.webhooks.allowed-networks", "10.9.0.0/16",
                    "CONDUIT_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1/32"));
            application.addInitializers(context -> context.getBeanFactory().registerSingleton("dataSource", db));
            WebhookDispatcher dispatcher;
            try (ConfigurableApplicationContext context = application.run()) {
                WebhookProperties properties = context.getBean(WebhookProperties.class);
                assertThat(properties.retrySchedule()).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1));
                assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(15));
                assertThat(properties.allowedNetworks()).containsExactly("10.9.0.0/16");
                dispatcher = context.getBean(WebhookDispatcher.class);
                assertThat(dispatcher.isRunning()).isTrue();

                WebhookOutbox outbox = context.getBean(WebhookOutbox.class);
                try (Connection transaction = db.getConnection()) {
                    transaction.setAutoCommit(false);
                    outbox.enqueue(transaction, new WebhookMessage("msg_wired", null, receiver.url(), "image.completed",
                            "{\"id\":\"img_1\"}", Instant.now()));
                    transaction.commit();
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() == 1);
                assertThat(receiver.requests().getFirst().webhookId()).isEqualTo("msg_wired");
            }
            assertThat(dispatcher.isRunning()).isFalse();
        }
    }
}
