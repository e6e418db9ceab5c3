package io.conduit.ledger.spring;

import io.conduit.contracts.spend.SpendRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts calls priced without a price: {@code conduit_ledger_unpriced_total{model}} (model names
 * are configuration, not secrets), and warns once per model and process.
 */
final class UnpricedMetrics implements Consumer<SpendRecord> {

    private static final Logger log = LoggerFactory.getLogger(UnpricedMetrics.class);

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    UnpricedMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(SpendRecord spend) {
        if (!spend.unpriced()) {
            return;
        }
        String model = spend.providerModel() == null ? "" : spend.providerModel();
        counters.computeIfAbsent(model, m -> {
            log.warn("Model '{}' (provider '{}') has no price in catalog {}: its calls are recorded at zero, flagged unpriced",
                    m, spend.provider(), spend.priceVersion());
            return Counter.builder("conduit.ledger.unpriced")
                    .description("Chargeable calls recorded without a price")
                    .tag("model", m)
                    .register(registry);
        }).increment();
    }

    double count(String model) {
        Counter counter = counters.get(model);
        return counter == null ? 0 : counter.count();
    }
}
