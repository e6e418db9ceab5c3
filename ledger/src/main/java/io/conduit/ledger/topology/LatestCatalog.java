package io.conduit.ledger.topology;

import io.conduit.contracts.pricing.PriceCatalogSnapshot;
import io.conduit.contracts.topic.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest catalog from {@code conduit.prices.v1} in the global store, as the bytes the
 * topic carries: a catalog of a lower revision than the stored one is ignored (two admin instances
 * may publish out of order), and a malformed one is skipped rather than stopping the ledger.
 */
final class LatestCatalog implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(LatestCatalog.class);

    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(LedgerTopology.PRICES_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null || !PriceCatalogSnapshot.KEY.equals(record.key())) {
            return;
        }
        PriceCatalogSnapshot incoming = parse(record.value());
        if (incoming == null) {
            return;
        }
        byte[] stored = store.get(PriceCatalogSnapshot.KEY);
        PriceCatalogSnapshot current = stored == null ? null : parse(stored);
        if (current != null && incoming.revision() < current.revision()) {
            log.info("Ignoring price catalog {}: {} is newer", incoming.version(), current.version());
            return;
        }
        store.put(PriceCatalogSnapshot.KEY, record.value());
    }

    static PriceCatalogSnapshot parse(byte[] bytes) {
        try {
            return Topics.PRICES.valueSerde().deserializer().deserialize(Topics.PRICES.name(), bytes);
        } catch (SerializationException | IllegalArgumentException e) {
            log.error("Skipping a malformed price catalog on {}: {}", Topics.PRICES.name(), e.getMessage());
            return null;
        }
    }
}
