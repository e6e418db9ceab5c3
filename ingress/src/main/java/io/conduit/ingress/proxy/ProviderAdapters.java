package io.conduit.ingress.proxy;

import io.conduit.provider.spi.ProviderAdapter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The adapters ingress can call, by their explicit ids (the providers' {@code type}). Immutable. */
public final class ProviderAdapters {

    private final Map<String, ProviderAdapter> byId;

    public ProviderAdapters(List<ProviderAdapter> adapters) {
        this.byId = adapters.stream().collect(Collectors.toUnmodifiableMap(ProviderAdapter::id, Function.identity()));
    }

    public Optional<ProviderAdapter> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
