package io.conduit.contracts.topic;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic of Conduit: its versioned name, the serdes of its keys and values, how a value
 * is keyed (which decides partitioning and, for compacted topics, what survives) and how the topic
 * is created.
 *
 * @param name versioned topic name, e.g. {@code conduit.usage.v1}
 * @param keySerde serde of record keys
 * @param valueSerde serde of record values
 * @param keyOf derives the record key from a value; every writer uses it, so partitioning is uniform
 * @param partitions partitions at creation
 * @param compacted {@code cleanup.policy=compact} when true, else delete
 * @param retention retention of a deleting topic (ignored when compacted)
 */
public record Topic<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        Function<V, K> keyOf,
        int partitions,
        boolean compacted,
        Duration retention) {

    /** Topic-level configs to create the topic with. */
    public Map<String, String> creationConfigs() {
        return compacted
                ? Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0")
                : Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis()));
    }

    public K keyFor(V value) {
        return keyOf.apply(value);
    }
}
