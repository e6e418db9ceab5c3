package io.conduit.admin.jobs;

import io.conduit.contracts.jobs.JobRequest;
import io.conduit.contracts.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Job requests the workers could not run ({@code conduit.jobs.requests.dlq.v1}), read on demand
 * for the admin view, and their redrive: the request published again to
 * {@code conduit.jobs.requests.v1} with its {@code redrive} count raised (a job that has ended
 * meanwhile is skipped by the workers, so redriving twice is harmless).
 */
public final class DeadLetters implements AutoCloseable {

    /**
     * One dead letter.
     *
     * @param offset its position in the dead-letter topic: its id here
     * @param jobId the job (the record key)
     * @param reason why the worker gave up
     * @param request the request, null when it is unreadable
     * @param raw the record's value as text when the request is unreadable, else null
     */
    public record DeadLetter(long offset, String jobId, String reason, Instant at, JobRequest request, String raw) {}

    private final String bootstrap;
    private final KafkaProducer<String, JobRequest> producer;

    public DeadLetters(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                Topics.JOB_REQUESTS.keySerde().serializer(), Topics.JOB_REQUESTS.valueSerde().serializer());
    }

    /** Every dead letter still kept (the topic keeps 30 days), newest first. */
    public List<DeadLetter> list() {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_DEAD_LETTERS.name(), Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(read(record));
                }
            }
        }
        return letters.reversed();
    }

    public Optional<DeadLetter> find(long offset) {
        return list().stream().filter(letter -> letter.offset() == offset).findFirst();
    }

    /** Publishes the letter's request again; returns what was published. */
    public JobRequest redrive(DeadLetter letter) throws ExecutionException, InterruptedException, TimeoutException {
        JobRequest r = letter.request();
        JobRequest again = new JobRequest(r.jobId(), r.kind(), r.keyId(), r.keyGroupId(), r.alias(), r.requestId(), r.body(),
                r.inputs(), r.createdAt(), r.redrive() + 1);
        producer.send(new ProducerRecord<>(Topics.JOB_REQUESTS.name(), again.jobId(), again)).get(30, TimeUnit.SECONDS);
        return again;
    }

    private static DeadLetter read(ConsumerRecord<String, byte[]> record) {
        Header reason = record.headers().lastHeader("conduit-dead-letter-reason");
        JobRequest request;
        try {
            request = Topics.JOB_DEAD_LETTERS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            request = null;
        }
        boolean readable = request != null && request.jobId() != null && request.kind() != null;
        return new DeadLetter(record.offset(), record.key(),
                reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8), Instant.ofEpochMilli(record.timestamp()),
                readable ? request : null,
                readable || record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
