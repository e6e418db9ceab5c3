package io.conduit.contracts.pricing;

import io.conduit.contracts.topic.CompactedTopicReader;
import io.conduit.contracts.topic.Topics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest price catalog published on {@code conduit.prices.v1}, for processes that need prices
 * outside the ledger's topology (ingress: refusing unpriced models, worst-case budget estimates).
 * Until a catalog arrives it answers with the fallback (the bundled catalog); it never goes back to
 * a lower revision.
 */
public final class PriceCatalogFollower implements Supplier<PriceCatalog>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PriceCatalogFollower.class);

    private final AtomicReference<PriceCatalog> current;
    private final CompactedTopicReader<String, PriceCatalogSnapshot> reader;

    public PriceCatalogFollower(String bootstrapServers, PriceCatalog fallback) {
        this.current = new AtomicReference<>(fallback);
        this.reader = new CompactedTopicReader<>(bootstrapServers, Topics.PRICES, "conduit-prices", (key, snapshot) -> {
            if (snapshot != null) {
                accept(snapshot);
            }
        });
    }

    public PriceCatalogFollower start() {
        reader.start();
        return this;
    }

    /** The catalog in force: the latest published, else the fallback. */
    @Override
    public PriceCatalog get() {
        return current.get();
    }

    /** Waits until the catalog published before the start has been read; returns whether it has. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return reader.awaitCaughtUp(timeout);
    }

    void accept(PriceCatalogSnapshot snapshot) {
        PriceCatalog next = PriceCatalog.of(snapshot);
        PriceCatalog previous = current.getAndUpdate(now -> snapshot.revision() >= now.revision() ? next : now);
        if (snapshot.revision() >= previous.revision()) {
            log.info("Price catalog {} in force ({} prices, {} markups)", snapshot.version(), snapshot.prices().size(),
                    snapshot.markups().size());
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
