package io.conduit.ingress.config;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds the current {@link GatewaySnapshot}; reloads replace it atomically, readers never wait. */
public final class GatewayConfigCache {

    private static final Logger log = LoggerFactory.getLogger(GatewayConfigCache.class);

    private final ConfigSnapshotLoader loader;
    private final AtomicReference<GatewaySnapshot> current = new AtomicReference<>(GatewaySnapshot.EMPTY);
    private volatile boolean loaded;

    public GatewayConfigCache(ConfigSnapshotLoader loader) {
        this.loader = loader;
    }

    public GatewaySnapshot current() {
        return current.get();
    }

    /** Whether a snapshot has been loaded from the store at least once. */
    public boolean loaded() {
        return loaded;
    }

    /** Loads a fresh snapshot; on failure keeps serving the previous one. */
    public synchronized void reload() {
        try {
            GatewaySnapshot snapshot = loader.load();
            current.set(snapshot);
            loaded = true;
            log.debug("Configuration reloaded: {} keys, {} providers, {} aliases", snapshot.keysByHash().size(),
                    snapshot.providers().size(), snapshot.routes().aliases().size());
        } catch (RuntimeException e) {
            log.warn("Configuration reload failed, still serving the previous configuration: {}", e.toString());
        }
    }
}
