package io.conduit.admin.prices;

import io.conduit.contracts.pricing.UnpricedModel;
import io.conduit.contracts.topic.CompactedTopicReader;
import io.conduit.contracts.topic.Topics;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the ledger reports on {@code conduit.prices.unpriced.v1}: provider models used without a price. */
public class UnpricedModels implements AutoCloseable {

    private final Map<String, UnpricedModel> models = new ConcurrentHashMap<>();
    private final CompactedTopicReader<String, UnpricedModel> reader;

    public UnpricedModels(String bootstrapServers) {
        this.reader = new CompactedTopicReader<>(bootstrapServers, Topics.UNPRICED, "conduit-admin-unpriced", (key, value) -> {
            if (value == null) {
                models.remove(key);
            } else {
                models.put(key, value);
            }
        });
    }

    public UnpricedModels start() {
        reader.start();
        return this;
    }

    /** Most recently seen first. */
    public List<UnpricedModel> list() {
        return models.values().stream()
                .sorted(Comparator.comparing(UnpricedModel::lastSeenAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(UnpricedModel::key))
                .toList();
    }

    /** Whether the report reflects everything the ledger had published when admin started. */
    public boolean caughtUp() {
        return reader.caughtUp();
    }

    @Override
    public void close() {
        reader.close();
    }
}
