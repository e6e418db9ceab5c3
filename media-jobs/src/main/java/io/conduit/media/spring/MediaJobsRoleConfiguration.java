package io.conduit.media.spring;

import io.conduit.media.jobs.JobEventConsumer;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.jobs.JobTransitions;
import io.conduit.media.jobs.RetentionSweeper;
import io.conduit.media.storage.ResultStore;
import io.conduit.media.webhook.WebhookDispatcher;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The media-jobs role: applies job events, emits job usage, removes expired results. */
@Configuration(proxyBeanMethods = false)
@Import(MediaJobsConfiguration.class)
public class MediaJobsRoleConfiguration {

    @Bean(destroyMethod = "close")
    JobEventConsumer jobEventConsumer(@Value("${conduit.kafka.bootstrap-servers}") String bootstrap, JobTransitions transitions,
            WebhookDispatcher webhooks) {
        // a job's webhook goes out as soon as its end is committed, not at the dispatcher's next poll
        return new JobEventConsumer(bootstrap, transitions, webhooks::wakeUp).start();
    }

    @Bean(destroyMethod = "close")
    RetentionSweeper retentionSweeper(JobStore jobs, ResultStore results,
            @Value("${conduit.jobs.cleanup-interval:10m}") Duration every) {
        return new RetentionSweeper(jobs, results, every, Clock.systemUTC()).start();
    }
}
