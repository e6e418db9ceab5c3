package io.conduit.contracts.pricing;

import io.conduit.contracts.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A price catalog, indexed for lookups by model, provider and time. Immutable; a change makes a new
 * catalog (see {@link PriceCatalogSnapshot}).
 */
public final class PriceCatalog {

    private static final class Bundled {
        static final PriceCatalog CATALOG = load();
    }

    private final PriceCatalogSnapshot snapshot;
    private final Map<String, List<PriceEntry>> prices = new HashMap<>();
    private final Map<String, List<Markup>> markups = new HashMap<>();

    private PriceCatalog(PriceCatalogSnapshot snapshot) {
        this.snapshot = snapshot;
        for (PriceEntry entry : snapshot.prices()) {
            prices.computeIfAbsent(key(entry.model(), entry.provider()), k -> new ArrayList<>()).add(entry);
        }
        for (Markup markup : snapshot.markups()) {
            markups.computeIfAbsent(markup.key(), k -> new ArrayList<>()).add(markup);
        }
        prices.values().forEach(list -> list.sort(Comparator.comparing(PriceEntry::effectiveFrom)));
        markups.values().forEach(list -> list.sort(Comparator.comparing(Markup::effectiveFrom)));
    }

    public static PriceCatalog of(PriceCatalogSnapshot snapshot) {
        return new PriceCatalog(snapshot);
    }

    /**
     * The catalog shipped with Conduit ({@code prices/catalog.json}, converted from the reference
     * price table; see its {@code source}). Readers use it until the first catalog is published.
     */
    public static PriceCatalog bundled() {
        return Bundled.CATALOG;
    }

    /**
     * The price entry effective at {@code at} for a provider model served by {@code provider}: the
     * provider's own entry, else the entry for any provider ({@code *}); the model is looked up by its
     * exact name, then without a {@code vendor/} prefix. Empty when the model has no price at that time.
     */
    public Optional<PriceEntry> priceFor(String providerModel, String provider, Instant at) {
        if (providerModel == null || at == null) {
            return Optional.empty();
        }
        for (String model : candidates(providerModel)) {
            if (provider != null && !provider.equals(PriceEntry.ANY_PROVIDER)) {
                Optional<PriceEntry> own = effectiveAt(prices.get(key(model, provider)), at);
                if (own.isPresent()) {
                    return own;
                }
            }
            Optional<PriceEntry> any = effectiveAt(prices.get(key(model, PriceEntry.ANY_PROVIDER)), at);
            if (any.isPresent()) {
                return any;
            }
        }
        return Optional.empty();
    }

    /** The markup effective at {@code at} for a call of this key group and alias: the key group's, else the alias's. */
    public Optional<Markup> markupFor(String alias, String keyGroupId, Instant at) {
        if (at == null) {
            return Optional.empty();
        }
        Optional<Markup> group = keyGroupId == null ? Optional.empty()
                : effectiveAt(markups.get(MarkupScope.KEY_GROUP.wireName() + "/" + keyGroupId), at);
        return group.isPresent() || alias == null ? group
                : effectiveAt(markups.get(MarkupScope.ALIAS.wireName() + "/" + alias), at);
    }

    public String version() {
        return snapshot.version();
    }

    public long revision() {
        return snapshot.revision();
    }

    public PriceCatalogSnapshot snapshot() {
        return snapshot;
    }

    /**
     * The one of a model's entries (sorted by start) effective at {@code at}: the latest started by
     * then, unless it has ended. An ended entry is not replaced by an earlier one: ending a price
     * leaves the model unpriced until a later entry starts.
     */
    static <T extends Effective> Optional<T> effectiveAt(List<T> sorted, Instant at) {
        if (sorted == null) {
            return Optional.empty();
        }
        for (int i = sorted.size() - 1; i >= 0; i--) {
            T candidate = sorted.get(i);
            if (candidate.startedBy(at)) {
                return candidate.endedBy(at) ? Optional.empty() : Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates(String providerModel) {
        int slash = providerModel.indexOf('/');
        return slash < 0 || slash == providerModel.length() - 1 ? List.of(providerModel)
                : List.of(providerModel, providerModel.substring(slash + 1));
    }

    private static String key(String model, String provider) {
        return model + '\n' + provider;
    }

    private static PriceCatalog load() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream("/prices/catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("prices/catalog.json is missing from the classpath");
            }
            return of(Json.mapper().readValue(in, PriceCatalogSnapshot.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
