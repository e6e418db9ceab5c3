package io.conduit.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.awaitility.Awaitility;

import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads {@code conduit.usage.v1} from the beginning, as a finance consumer would. */
public final class UsageEvents implements AutoCloseable {

    private final KafkaConsumer<String, UsageEvent> consumer;
    private final List<UsageEvent> seen = new ArrayList<>();

    public UsageEvents(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.CLIENT_ID_CONFIG, "usage-test-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.USAGE.keySerde().deserializer(), Topics.USAGE.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** All events matching, once at least {@code count} are there (waits up to 20 s). */
    public List<UsageEvent> await(Predicate<UsageEvent> matching, int count) {
        List<UsageEvent> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
            found.clear();
            seen.stream().filter(matching).forEach(found::add);
            return found.size() >= count;
        });
        return found;
    }

    /** The one event of a request (by the x-request-id the client sent). */
    public UsageEvent forRequest(String requestId) {
        return await(e -> requestId.equals(e.requestId()), 1).getFirst();
    }

    /**
     * The event of a request, checked to be its only one: waits for it, then reads once more so
     * that a second event sent with it would be seen.
     */
    public UsageEvent only(String requestId) {
        await(e -> requestId.equals(e.requestId()), 1);
        consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(r.value()));
        List<UsageEvent> events = seen.stream().filter(e -> requestId.equals(e.requestId())).toList();
        assertThat(events).as("usage events of request %s", requestId).hasSize(1);
        return events.getFirst();
    }

    /** Everything that arrived so far, after a short poll. */
    public List<UsageEvent> drain(Predicate<UsageEvent> matching) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
        return seen.stream().filter(matching).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
