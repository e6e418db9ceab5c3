package io.conduit.ingress.jobs;

import io.conduit.contracts.jobs.JobRequest;
import io.conduit.contracts.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes new jobs to {@code conduit.jobs.requests.v1} (key = job id) and waits for Kafka's
 * acknowledgement: a job is accepted only once a worker can see it. Idempotent producer, acks from
 * every in-sync replica; a send that Kafka does not acknowledge within the timeout gives up for
 * good (the delivery timeout matches), so a job failed as unavailable is not delivered later.
 */
public final class JobRequestPublisher implements AutoCloseable {

    /** Kafka did not acknowledge the job in time. */
    public static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final KafkaProducer<String, JobRequest> producer;
    private final Duration timeout;

    public JobRequestPublisher(String bootstrapServers, Duration timeout) {
        this.timeout = timeout;
        int millis = (int) Math.max(1000, timeout.toMillis());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "conduit-job-requests",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis),
                Topics.JOB_REQUESTS.keySerde().serializer(), Topics.JOB_REQUESTS.valueSerde().serializer());
    }

    /** Sends the job and blocks until Kafka acknowledged it. */
    public void publish(JobRequest request) throws Unavailable {
        try {
            producer.send(new ProducerRecord<>(Topics.JOB_REQUESTS.name(), Topics.JOB_REQUESTS.keyFor(request), request))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Unavailable("Kafka did not take job " + request.jobId() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new Unavailable("Kafka did not take job " + request.jobId() + " within " + timeout + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while publishing job " + request.jobId(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
