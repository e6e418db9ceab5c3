package io.conduit.ledger.topology;

import io.conduit.contracts.pricing.PriceCatalog;
import io.conduit.contracts.pricing.PriceCatalogSnapshot;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.contracts.pricing.SpendCalculator;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Prices each usage event with the catalog of the global store (parsed again only when it
 * changed), or the fallback while the store has none.
 */
final class Pricing implements FixedKeyProcessor<String, UsageEvent, SpendRecord> {

    private final Supplier<PriceCatalog> fallback;
    private final SpendCalculator calculator;
    private final Consumer<SpendRecord> onSpend;
    private FixedKeyProcessorContext<String, SpendRecord> context;
    private KeyValueStore<String, byte[]> store;
    private byte[] parsedBytes;
    private PriceCatalog parsed;

    Pricing(Supplier<PriceCatalog> fallback, SpendCalculator calculator, Consumer<SpendRecord> onSpend) {
        this.fallback = fallback;
        this.calculator = calculator;
        this.onSpend = onSpend;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, SpendRecord> context) {
        this.context = context;
        this.store = context.getStateStore(LedgerTopology.PRICES_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, UsageEvent> record) {
        SpendRecord spend = calculator.price(record.value(), catalog());
        onSpend.accept(spend);
        context.forward(record.withValue(spend));
    }

    private PriceCatalog catalog() {
        byte[] bytes = store.get(PriceCatalogSnapshot.KEY);
        if (bytes == null) {
            return fallback.get();
        }
        if (bytes != parsedBytes && !Arrays.equals(bytes, parsedBytes)) {
            PriceCatalogSnapshot snapshot = LatestCatalog.parse(bytes);
            if (snapshot != null) {
                parsed = PriceCatalog.of(snapshot);
            }
            parsedBytes = bytes;
        }
        return parsed != null ? parsed : fallback.get();
    }
}
