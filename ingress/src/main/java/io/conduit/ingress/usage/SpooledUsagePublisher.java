package io.conduit.ingress.usage;

import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage events to {@code conduit.usage.v1}, never lost while Kafka is away. The request path only
 * enqueues. A writer thread appends batches to the {@link UsageSpool} on disk and forces it at
 * most every 5 ms (group commit); a sender thread reads what is on disk in order and hands it to
 * the idempotent producer; what Kafka acknowledges is checkpointed. When Kafka is unreachable, sends fail after a bounded time, the sender rewinds
 * to the checkpoint and tries again with backoff; events keep accumulating on disk (bounded;
 * when full, new events are dropped with an ERROR log). After a restart, unacknowledged events are
 * sent again: their ids make the duplicates harmless. Calls in flight are also written to a
 * {@link CallJournal} before they are sent, so an instance killed mid-call records them (outcome
 * {@code gateway_interrupted}) when it starts again.
 */
public final class SpooledUsagePublisher implements UsageSink, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpooledUsagePublisher.class);
    private static final int BATCH = 500;
    /** Group commit: the spool is forced at most this often, so a quiet gateway does not pay a disk flush per event. */
    private static final long FORCE_EVERY_NANOS = 5_000_000L;

    private final UsageSpool spool;
    private final CallJournal journal;
    private final KafkaProducer<String, byte[]> producer;
    private final BlockingQueue<UsageEvent> queue;
    private final Thread writer;
    private final Thread sender;
    private final Object written = new Object();
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private final AtomicBoolean sendFailed = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long sendPosition;
    private volatile boolean running = true;

    public SpooledUsagePublisher(String bootstrapServers, UsageSpool spool, CallJournal journal, int queueCapacity,
            Duration sendTimeout) {
        this.spool = spool;
        this.journal = journal;
        List<byte[]> interrupted = journal.interrupted();
        if (!interrupted.isEmpty() && spool.append(interrupted)) {
            spool.force();
            log.warn("{} calls were in flight when this instance last stopped; recorded as gateway_interrupted",
                    interrupted.size());
        }
        this.producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG, "conduit-usage",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) sendTimeout.toMillis(),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(sendTimeout.toMillis(), 30_000),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis() + 5_000),
                new StringSerializer(), new ByteArraySerializer());
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.sendPosition = spool.acknowledged();
        if (spool.pendingBytes() > 0) {
            log.info("Usage spool holds {} bytes not yet acknowledged by Kafka; sending them first", spool.pendingBytes());
        }
        this.writer = Thread.ofPlatform().name("conduit-usage-spool").daemon().start(this::writeLoop);
        this.sender = Thread.ofPlatform().name("conduit-usage-sender").daemon().start(this::sendLoop);
    }

    @Override
    public void begin(UsageEvent provisional) {
        journal.open(provisional.id(), encode(provisional));
    }

    @Override
    public void publish(UsageEvent event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
            log.error("Usage queue full: usage event {} dropped", event.id());
        }
    }

    private void writeLoop() {
        List<UsageEvent> batch = new ArrayList<>(BATCH);
        long forcedAt = System.nanoTime();
        while (running || !queue.isEmpty() || spool.hasUnforced()) {
            try {
                UsageEvent first = queue.poll(FORCE_EVERY_NANOS, TimeUnit.NANOSECONDS);
                if (first == null || System.nanoTime() - forcedAt >= FORCE_EVERY_NANOS) {
                    if (spool.hasUnforced()) {
                        spool.force();
                        forcedAt = System.nanoTime();
                        synchronized (written) {
                            written.notifyAll();
                        }
                    }
                }
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                List<byte[]> records = batch.stream().map(SpooledUsagePublisher::encode).toList();
                if (!spool.append(records)) {
                    dropped.addAndGet(records.size());
                    log.error("Usage spool full ({} bytes pending, Kafka unreachable?): {} usage events dropped",
                            spool.pendingBytes(), records.size());
                }
                journal.close(batch.stream().map(UsageEvent::id).toList());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Usage spool write failed: {}", e.toString());
                batch.clear();
            }
        }
    }

    private void sendLoop() {
        long backoffMillis = 500;
        while (running || spool.pendingBytes() > 0 && !sendFailed.get()) {
            try {
                if (sendFailed.get()) {
                    awaitInFlight();
                    sendPosition = spool.acknowledged();
                    sendFailed.set(false);
                    log.warn("Kafka did not take usage events; {} bytes kept on disk, retrying in {} ms",
                            spool.pendingBytes(), backoffMillis);
                    TimeUnit.MILLISECONDS.sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 30_000);
                    continue;
                }
                List<UsageSpool.Entry> entries = spool.read(sendPosition, BATCH);
                if (entries.isEmpty()) {
                    acknowledgeSent();
                    if (inFlight.isEmpty() && spool.compactIfDrained(sendPosition)) {
                        sendPosition = 0;
                    }
                    synchronized (written) {
                        written.wait(50);
                    }
                    continue;
                }
                for (UsageSpool.Entry entry : entries) {
                    send(entry);
                    sendPosition = entry.next();
                }
                acknowledgeSent();
                backoffMillis = 500;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                sendFailed.set(true);
                log.warn("Usage events could not be handed to Kafka: {}", e.toString());
            }
        }
    }

    /** A spool record: the Kafka key (length-prefixed UTF-8), then the JSON value, so sending needs no parsing. */
    static byte[] encode(UsageEvent event) {
        byte[] key = Topics.USAGE.keyFor(event).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] value = Topics.USAGE.valueSerde().serializer().serialize(Topics.USAGE.name(), event);
        return java.nio.ByteBuffer.allocate(2 + key.length + value.length).putShort((short) key.length).put(key).put(value).array();
    }

    private void send(UsageSpool.Entry entry) {
        java.nio.ByteBuffer record = java.nio.ByteBuffer.wrap(entry.bytes());
        byte[] key = new byte[record.getShort()];
        record.get(key);
        byte[] value = new byte[record.remaining()];
        record.get(value);
        inFlight.add(entry.position());
        producer.send(new ProducerRecord<>(Topics.USAGE.name(), new String(key, java.nio.charset.StandardCharsets.UTF_8), value),
                (metadata, error) -> {
                    if (error == null) {
                        sent.incrementAndGet();
                        inFlight.remove(entry.position());
                    } else {
                        sendFailed.set(true);
                        inFlight.remove(entry.position());
                    }
                });
    }

    /** Checkpoints up to the first record still in flight (records complete out of order across partitions). */
    private void acknowledgeSent() {
        if (sendFailed.get()) {
            return;
        }
        Long firstPending = inFlight.isEmpty() ? null : inFlight.first();
        spool.acknowledge(firstPending == null ? sendPosition : firstPending);
    }

    private void awaitInFlight() throws InterruptedException {
        producer.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            synchronized (written) {
                written.wait(10);
            }
        }
        inFlight.clear();
    }

    @Override
    public String toString() {
        return "SpooledUsagePublisher[queued=" + queue.size() + ", spoolEnd=" + spool.end() + ", acknowledged="
                + spool.acknowledged() + ", sendPosition=" + sendPosition + ", inFlight=" + inFlight.size() + ", failed="
                + sendFailed.get() + ", sent=" + sent.get() + "]";
    }

    /** Bytes of usage on disk that Kafka has not acknowledged yet. */
    public long pendingBytes() {
        return spool.pendingBytes();
    }

    /** Calls sent and not yet ended (journaled in case this instance dies). */
    public int openCalls() {
        return journal.openCalls();
    }

    /** Events dropped because the queue or the spool was full. */
    public long droppedCount() {
        return dropped.get();
    }

    @Override
    public void close() throws Exception {
        running = false;
        writer.join(Duration.ofSeconds(10));
        sender.join(Duration.ofSeconds(30));
        producer.close(Duration.ofSeconds(10));
        spool.close();
        journal.close();
    }
}
