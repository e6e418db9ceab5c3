package io.conduit.media.webhook;

import io.conduit.contracts.security.CredentialCipher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Webhook delivery for the media-jobs role: the {@link WebhookOutbox} the job state machine writes to
 * (in its own transactions) and the {@link WebhookDispatcher}, started and stopped with the context.
 * Needs a {@link DataSource} (the schema migrated) and the {@link CredentialCipher}; uses a
 * {@link Clock} bean when there is exactly one, else the system clock. Settings:
 * {@link WebhookProperties} ({@code conduit.webhooks.*}); {@code CONDUIT_WEBHOOK_ALLOWED_HOSTS}
 * (comma-separated) adds to {@code conduit.webhooks.allowed-networks}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean
    WebhookOutbox webhookOutbox(WebhookProperties properties, ObjectProvider<Clock> clock) {
        return new PostgresWebhookOutbox(clock.getIfUnique(Clock::systemUTC),
                new RetrySchedule(properties.retrySchedule(), properties.jitter()));
    }

    @Bean
    WebhookDispatcher webhookDispatcher(DataSource dataSource, CredentialCipher cipher, WebhookProperties properties,
            @Value("${CONDUIT_WEBHOOK_ALLOWED_HOSTS:}") String allowedHosts, ObjectProvider<Clock> clock) {
        return WebhookDispatcher.create(dataSource, cipher, properties.withAllowedNetworks(allowed(properties, allowedHosts)),
                clock.getIfUnique(Clock::systemUTC));
    }

    static List<String> allowed(WebhookProperties properties, String allowedHosts) {
        List<String> allowed = new ArrayList<>(properties.allowedNetworks());
        if (allowedHosts != null) {
            Arrays.stream(allowedHosts.split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).forEach(allowed::add);
        }
        return allowed;
    }
}
