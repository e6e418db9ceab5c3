package io.conduit.ingress.http;

import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.proxy.ProviderAdapters;
import io.conduit.provider.spi.Capability;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;
import io.conduit.router.Route;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an alias can do: what every one of its deployments can do (an alias may route to any of
 * them, so a capability counts only when all have it), with the smallest context window and
 * output limit among those that state one.
 *
 * @param capabilities lower-case names: endpoints ({@code chat_completions}, {@code chat_streaming},
 *     {@code embeddings} …) and model features ({@code vision}, {@code tools}, {@code json_schema}, {@code reasoning})
 */
record AliasCapabilities(Set<String> capabilities, int contextWindow, int maxOutputTokens) {

    /** Every name a client may filter on. */
    static final Set<String> NAMES = names();

    static AliasCapabilities of(Route route, GatewaySnapshot snapshot, ProviderAdapters adapters) {
        Set<String> common = null;
        int context = 0;
        int output = 0;
        for (Deployment deployment : route.deployments()) {
            ProviderEndpoint provider = snapshot.providers().get(deployment.providerId());
            ProviderAdapter adapter = provider == null ? null : adapters.get(provider.adapterId()).orElse(null);
            if (adapter == null) {
                continue;
            }
            ModelCapabilities model = snapshot.capabilityOverrides().getOrDefault(deployment.id(),
                    adapter.modelCapabilities(deployment.providerModel()));
            Set<String> own = new LinkedHashSet<>();
            adapter.capabilities().forEach(c -> own.add(name(c)));
            model.features().forEach(f -> own.add(name(f)));
            if (common == null) {
                common = own;
            } else {
                common.retainAll(own);
            }
            context = smallestKnown(context, model.contextWindow());
            output = smallestKnown(output, model.maxOutputTokens());
        }
        return new AliasCapabilities(common == null ? Set.of() : common, context, output);
    }

    private static int smallestKnown(int current, int next) {
        return next <= 0 ? current : current <= 0 ? next : Math.min(current, next);
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Set<String> names() {
        Set<String> all = new LinkedHashSet<>();
        List.of(Capability.values()).forEach(c -> all.add(name(c)));
        List.of(ModelFeature.values()).forEach(f -> all.add(name(f)));
        return Set.copyOf(all);
    }
}
