package io.conduit.provider.worker;

import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.MediaUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes what a worker sees to {@code conduit.jobs.events.v1}, each event acknowledged before the
 * worker goes on (a job's result is announced only once stored, and only once announced is the
 * request's offset committed).
 */
public final class JobEventPublisher implements AutoCloseable {

    private final KafkaProducer<String, JobEvent> producer;
    private final String worker;
    private final Clock clock;

    public JobEventPublisher(String bootstrapServers, String worker, Clock clock) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                Topics.JOB_EVENTS.keySerde().serializer(), Topics.JOB_EVENTS.valueSerde().serializer());
        this.worker = worker;
        this.clock = clock;
    }

    public void submitted(String jobId, JobTarget target, String taskId) {
        publish(new JobEvent(jobId + ":submitted", jobId, JobEvent.Type.SUBMITTED, clock.instant(),
                target.endpoint().providerName(), target.providerModel(), taskId, null, List.of(), null, 0, 0, null, null, worker));
    }

    public void progress(String jobId, JobTarget target, String taskId, int percent) {
        publish(new JobEvent(jobId + ":progress:" + percent, jobId, JobEvent.Type.PROGRESS, clock.instant(),
                target.endpoint().providerName(), target.providerModel(), taskId, percent, List.of(), null, 0, 0, null, null,
                worker));
    }

    public void completed(String jobId, JobTarget target, String taskId, List<JobOutput> outputs, MediaUsage media,
            long promptTokens, long completionTokens) {
        publish(new JobEvent(jobId + ":completed", jobId, JobEvent.Type.COMPLETED, clock.instant(),
                target.endpoint().providerName(), target.providerModel(), taskId, 100, outputs, media, promptTokens,
                completionTokens, null, null, worker));
    }

    public void failed(String jobId, JobTarget target, String code, String message) {
        publish(new JobEvent(jobId + ":failed", jobId, JobEvent.Type.FAILED, clock.instant(),
                target == null ? null : target.endpoint().providerName(), target == null ? null : target.providerModel(), null,
                null, List.of(), null, 0, 0, code, message, worker));
    }

    public void cancelled(String jobId) {
        publish(new JobEvent(jobId + ":cancelled", jobId, JobEvent.Type.CANCELLED, clock.instant(), null, null, null, null,
                List.of(), null, 0, 0, "cancelled", "The job was cancelled at the client's request.", worker));
    }

    private void publish(JobEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.JOB_EVENTS.name(), event.jobId(), event)).get(Duration.ofMinutes(2).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderHttp.JobInterrupted();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a job event could not be published: " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
