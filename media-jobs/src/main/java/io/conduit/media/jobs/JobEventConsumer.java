package io.conduit.media.jobs;

import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media-jobs role: reads {@code conduit.jobs.events.v1} (consumer group
 * {@code conduit-media-jobs}), applies each event to its job ({@link JobTransitions}) and, when an
 * event ends a job, sends the job's usage event ({@link JobUsage}) to {@code conduit.usage.v1}.
 * Offsets are committed only after the database and the usage sends succeeded, so a crash replays
 * events, which is harmless: states only move forward, and usage ids are stable.
 */
public final class JobEventConsumer implements AutoCloseable {

    public static final String GROUP = "conduit-media-jobs";
    private static final Logger log = LoggerFactory.getLogger(JobEventConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, UsageEvent> usage;
    private final JobTransitions transitions;
    private final Runnable onJobsEnded;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param onJobsEnded runs after a batch that ended jobs is committed (wakes the webhook dispatcher) */
    public JobEventConsumer(String bootstrapServers, JobTransitions transitions, Runnable onJobsEnded) {
        this.transitions = transitions;
        this.onJobsEnded = onJobsEnded;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.usage = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1),
                Topics.USAGE.keySerde().serializer(), Topics.USAGE.valueSerde().serializer());
        this.thread = Thread.ofPlatform().name("conduit-job-events").unstarted(this::run);
    }

    public JobEventConsumer start() {
        thread.start();
        return this;
    }

    private void run() {
        consumer.subscribe(List.of(Topics.JOB_EVENTS.name()));
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    boolean ended = applyAll(records);
                    consumer.commitSync();
                    if (ended) {
                        onJobsEnded.run();
                    }
                } catch (SQLException | RuntimeException e) {
                    log.warn("Applying {} job events failed ({}); retrying from the last commit", records.count(), e.toString());
                    rewind(records);
                    pause(Duration.ofMillis(500));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Applies the batch; true when it ended a job. */
    private boolean applyAll(ConsumerRecords<String, byte[]> records) throws SQLException {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        boolean ended = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            JobEvent event = parse(record);
            if (event == null) {
                continue;
            }
            JobTransitions.Applied applied = transitions.apply(event);
            ended |= applied.changed() && applied.job().map(job -> job.state().terminal()).orElse(false);
            applied.job().flatMap(job -> JobUsage.of(job, event)).ifPresent(u ->
                    sends.add(usage.send(new ProducerRecord<>(Topics.USAGE.name(), Topics.USAGE.keyFor(u), u))));
        }
        usage.flush();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending usage", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a job usage event was not sent: " + e.getCause(), e.getCause());
            }
        }
        return ended;
    }

    private static JobEvent parse(ConsumerRecord<String, byte[]> record) {
        try {
            JobEvent event = Topics.JOB_EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (event == null || event.jobId() == null || event.type() == null) {
                throw new IllegalArgumentException("no job id or type");
            }
            return event;
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable job event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(records.partitions());
        Map<TopicPartition, Long> first = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            OffsetAndMetadata offset = committed.get(partition);
            first.put(partition, offset != null ? offset.offset() : records.records(partition).getFirst().offset());
        }
        first.forEach(consumer::seek);
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        usage.close(Duration.ofSeconds(5));
    }
}
