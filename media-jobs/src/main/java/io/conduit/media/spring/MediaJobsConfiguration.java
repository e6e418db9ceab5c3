package io.conduit.media.spring;

import io.conduit.media.jobs.JobNotifications;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.jobs.JobTransitions;
import io.conduit.media.storage.ResultStore;
import io.conduit.media.webhook.WebhookConfiguration;
import io.conduit.media.webhook.WebhookOutbox;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The job library every job role uses (ingress, workers, media-jobs): the job table, result
 * storage, state transitions and change notifications, and the webhook outbox they write to (the
 * dispatcher delivering it runs where {@code conduit.webhooks.enabled}: the media-jobs role). Needs a
 * {@link DataSource}, an {@link S3Client}, an {@link S3Presigner} and the credential cipher.
 */
@Configuration(proxyBeanMethods = false)
@Import(WebhookConfiguration.class)
public class MediaJobsConfiguration {

    @Bean
    JobStore jobStore(DataSource dataSource) {
        return new JobStore(dataSource);
    }

    @Bean
    ResultStore resultStore(S3Client s3, S3Presigner presigner, @Value("${conduit.s3.bucket}") String bucket) {
        return new ResultStore(s3, presigner, bucket);
    }

    @Bean
    JobTransitions jobTransitions(JobStore jobs, ObjectProvider<WebhookOutbox> webhooks,
            @Value("${conduit.jobs.retention:7d}") Duration retention) {
        return new JobTransitions(jobs, webhooks.getIfAvailable(), retention, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    JobNotifications jobNotifications(DataSource dataSource) {
        return new JobNotifications(dataSource).start();
    }
}
