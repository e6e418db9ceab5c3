package io.conduit.admin.prices;

import io.conduit.contracts.pricing.PriceCatalogSnapshot;
import io.conduit.contracts.topic.Topics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one writer of {@code conduit.prices.v1}: sends the whole catalog and waits for the broker's
 * acknowledgement, so a change is committed only once the ledger and ingress can see it. The
 * catalog grows with its history, so records are compressed and may be up to 16 MiB.
 */
public class PricePublisher implements AutoCloseable {

    private final KafkaProducer<String, PriceCatalogSnapshot> producer;

    public PricePublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.CLIENT_ID_CONFIG, "conduit-admin-prices",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000),
                Topics.PRICES.keySerde().serializer(), Topics.PRICES.valueSerde().serializer());
    }

    /** Kafka did not take the catalog. */
    public static final class NotPublished extends RuntimeException {
        NotPublished(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Publishes the catalog; throws {@link NotPublished} when Kafka did not take it. */
    public void publish(PriceCatalogSnapshot catalog) {
        try {
            producer.send(new ProducerRecord<>(Topics.PRICES.name(), Topics.PRICES.keyFor(catalog), catalog))
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new NotPublished("Kafka did not take price catalog " + catalog.version() + ": "
                    + (e.getCause() != null ? e.getCause() : e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublished("Interrupted while publishing the price catalog", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
