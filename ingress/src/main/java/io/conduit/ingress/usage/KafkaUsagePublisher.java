package io.conduit.ingress.usage;

import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends usage events to {@code conduit.usage.v1} with the idempotent producer. The request path
 * only enqueues; a dedicated thread calls the producer (whose {@code send} may block on metadata),
 * and nothing waits for acknowledgements.
 */
public final class KafkaUsagePublisher implements UsageSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaUsagePublisher.class);

    private final KafkaProducer<String, UsageEvent> producer;
    private final BlockingQueue<UsageEvent> queue;
    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;

    public KafkaUsagePublisher(String bootstrapServers, int queueCapacity) {
        this.producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG, "conduit-usage",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis()),
                Topics.USAGE.keySerde().serializer(), Topics.USAGE.valueSerde().serializer());
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.sender = Thread.ofPlatform().name("conduit-usage-publisher").daemon().start(this::drain);
    }

    @Override
    public void publish(UsageEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
            log.error("Usage queue full ({} events): usage event {} not sent", queue.size(), event.id());
        }
    }

    private void drain() {
        while (running || !queue.isEmpty()) {
            try {
                UsageEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    producer.send(new ProducerRecord<>(Topics.USAGE.name(), Topics.USAGE.keyFor(event), event),
                            (metadata, error) -> {
                                if (error == null) {
                                    sent.incrementAndGet();
                                } else {
                                    failed.incrementAndGet();
                                    log.error("Usage event {} could not be sent: {}", event.id(), error.toString());
                                }
                            });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                log.error("Usage event could not be handed to Kafka: {}", e.toString());
            }
        }
    }

    /** Events acknowledged by Kafka so far. */
    public long sentCount() {
        return sent.get();
    }

    public long failedCount() {
        return failed.get() + dropped.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.join(Duration.ofSeconds(30));
        producer.close(Duration.ofSeconds(30));
    }
}
