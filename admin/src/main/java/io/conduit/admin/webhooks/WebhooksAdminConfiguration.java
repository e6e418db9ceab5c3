package io.conduit.admin.webhooks;

import io.conduit.contracts.security.CredentialCipher;
import io.conduit.media.webhook.WebhookAdmin;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Webhook settings, secrets, delivery log and endpoints (tables owned by media-jobs' webhook delivery). */
@Configuration(proxyBeanMethods = false)
public class WebhooksAdminConfiguration {

    @Bean
    WebhookAdmin webhookAdmin(DataSource dataSource, CredentialCipher cipher,
            @Value("${conduit.webhooks.secret-grace-period:24h}") Duration secretGracePeriod) {
        return new WebhookAdmin(dataSource, cipher, Clock.systemUTC(), secretGracePeriod);
    }
}
