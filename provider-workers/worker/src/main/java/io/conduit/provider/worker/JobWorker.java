package io.conduit.provider.worker;

import io.conduit.contracts.jobs.JobRequest;
import io.conduit.contracts.topic.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers role: a member of consumer group {@code conduit-workers} on
 * {@code conduit.jobs.requests.v1}. Each request runs on its own virtual thread ({@link JobRunner});
 * a partition's offset is committed only up to the first request still running, so a worker that
 * dies leaves its running jobs to whoever takes its partitions — who resumes each from its recorded
 * provider task. A partition taken away stops its jobs here. Requests no worker can run go to
 * {@code conduit.jobs.requests.dlq.v1}.
 */
public final class JobWorker implements AutoCloseable {

    public static final String GROUP = "conduit-workers";
    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);
    private static final int POISON_ATTEMPTS = 3;

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final JobRunner runner;
    private final int maxConcurrentJobs;
    private final Map<TopicPartition, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Map<Long, Running>> running = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final ExecutorService jobs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("conduit-job-", 0).factory());
    private final Thread thread;
    private volatile boolean stopping;

    /** A job running on this worker, and how to hand it over. */
    private record Running(Future<?> future, Handover handover) {}

    /** How long a partition taken away waits for its jobs to reach a safe point before they are interrupted. */
    private static final Duration HANDOVER_WAIT = Duration.ofSeconds(30);

    public JobWorker(String bootstrapServers, JobRunner runner, int maxConcurrentJobs) {
        this.runner = runner;
        this.maxConcurrentJobs = maxConcurrentJobs;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.thread = Thread.ofPlatform().name("conduit-workers").unstarted(this::loop);
    }

    public JobWorker start() {
        thread.start();
        return this;
    }

    private void loop() {
        consumer.subscribe(List.of(Topics.JOB_REQUESTS.name()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                stopJobs(partitions);
                commit();
                partitions.forEach(p -> {
                    inFlight.remove(p);
                    running.remove(p);
                    committed.remove(p);
                });
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                stopJobs(partitions);
                partitions.forEach(p -> {
                    inFlight.remove(p);
                    running.remove(p);
                    committed.remove(p);
                });
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                log.info("Worker took {} job partitions", partitions.size());
            }
        });
        try {
            while (!stopping) {
                boolean full = InFlight.running(inFlight) >= maxConcurrentJobs;
                Set<TopicPartition> assigned = consumer.assignment();
                if (full) {
                    consumer.pause(assigned);
                } else {
                    consumer.resume(consumer.paused());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    take(record);
                }
                commit();
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("The job worker loop failed: {}", e.toString());
        } finally {
            stopJobs(List.copyOf(running.keySet()));
            commit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        InFlight offsets = inFlight.computeIfAbsent(partition, p -> new InFlight());
        offsets.taken(record.offset());
        JobRequest request = parse(record);
        if (request == null) {
            deadLetter(record, "unreadable job request");
            offsets.finished(record.offset());
            return;
        }
        Map<Long, Running> jobsOfPartition = running.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
        Handover handover = new Handover();
        Future<?> future = jobs.submit(() -> {
            handover.bind(Thread.currentThread());
            boolean handedOver = false;
            try {
                runToEnd(record, request, handover);
            } catch (ProviderHttp.JobInterrupted e) {
                handedOver = true; // not finished: its offset stays uncommitted, and whoever takes the partition resumes it
            } finally {
                jobsOfPartition.remove(record.offset());
                if (!handedOver) {
                    offsets.finished(record.offset());
                }
            }
        });
        jobsOfPartition.put(record.offset(), new Running(future, handover));
    }

    private void runToEnd(ConsumerRecord<String, byte[]> record, JobRequest request, Handover handover) {
        for (int attempt = 1; ; attempt++) {
            try {
                runner.run(request.jobId(), handover);
                return;
            } catch (ProviderHttp.JobInterrupted e) {
                throw e; // the partition was taken away or the worker stops
            } catch (JobRunner.PoisonRequest e) {
                deadLetter(record, e.getMessage());
                return;
            } catch (Exception e) {
                if (handover.requested() || Thread.currentThread().isInterrupted() || stopping) {
                    throw new ProviderHttp.JobInterrupted();
                }
                if (attempt >= POISON_ATTEMPTS) {
                    log.error("Job {} failed the worker {} times ({}); dead-lettered", request.jobId(), attempt, e.toString());
                    deadLetter(record, e.toString());
                    return;
                }
                log.warn("Job {} failed the worker ({}); trying again", request.jobId(), e.toString());
                try {
                    Thread.sleep(Duration.ofSeconds(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ProviderHttp.JobInterrupted();
                }
            }
        }
    }

    private static JobRequest parse(ConsumerRecord<String, byte[]> record) {
        try {
            JobRequest request = Topics.JOB_REQUESTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
            return request == null || request.jobId() == null ? null : request;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        log.warn("Dead-lettering the job request at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.JOB_DEAD_LETTERS.name(), record.key(),
                record.value() == null ? new byte[0] : record.value());
        letter.headers().add("conduit-dead-letter-reason", reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        letter.headers().add("conduit-source", (record.partition() + "@" + record.offset()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            deadLetters.send(letter).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            log.error("Dead-lettering failed: {}", e.getCause().toString());
        }
    }

    /** Hands the jobs of these partitions over: each stops at its next safe point; stragglers are interrupted. */
    private void stopJobs(Collection<TopicPartition> partitions) {
        List<Running> stopping = partitions.stream().map(running::get).filter(java.util.Objects::nonNull)
                .flatMap(m -> m.values().stream()).toList();
        stopping.forEach(job -> job.handover().request());
        long deadline = System.nanoTime() + HANDOVER_WAIT.toNanos();
        for (Running job : stopping) {
            try {
                job.future().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                job.future().cancel(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                // ended on its own
            }
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        inFlight.forEach((partition, flight) -> flight.committable()
                .ifPresent(offset -> {
                    if (!Long.valueOf(offset).equals(committed.get(partition))) {
                        offsets.put(partition, new OffsetAndMetadata(offset));
                    }
                }));
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        } catch (RuntimeException e) {
            log.warn("Committing job offsets failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jobs.shutdownNow();
        deadLetters.close(Duration.ofSeconds(5));
    }
}
