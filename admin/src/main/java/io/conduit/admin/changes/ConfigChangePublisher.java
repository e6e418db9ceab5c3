package io.conduit.admin.changes;

import io.conduit.contracts.config.ConfigChange;
import io.conduit.contracts.config.ConfigEntity;
import io.conduit.contracts.topic.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of {@code conduit.config.v1}: after admin commits a change, tells every instance
 * to refresh. If Kafka cannot take it, instances still converge through their periodic reload.
 */
public class ConfigChangePublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigChangePublisher.class);

    private final KafkaProducer<String, ConfigChange> producer;

    public ConfigChangePublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG, "conduit-admin-config",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000),
                Topics.CONFIG.keySerde().serializer(), Topics.CONFIG.valueSerde().serializer());
    }

    public void upserted(ConfigEntity entity, String id) {
        publish(new ConfigChange(entity, id, ConfigChange.Operation.UPSERT, Instant.now()));
    }

    public void deleted(ConfigEntity entity, String id) {
        publish(new ConfigChange(entity, id, ConfigChange.Operation.DELETE, Instant.now()));
    }

    private void publish(ConfigChange change) {
        try {
            producer.send(new ProducerRecord<>(Topics.CONFIG.name(), Topics.CONFIG.keyFor(change), change))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Could not announce change of {} on {}: {}; instances pick it up on their next periodic reload",
                    change.key(), Topics.CONFIG.name(), e.toString());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
