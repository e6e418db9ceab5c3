package io.conduit.router;

import java.util.List;

/**
 * Per-alias routing settings.
 *
 * @param strategy name of the routing strategy (see {@link Strategies#NAMES})
 * @param fallbacks aliases tried, in order, when every deployment of this one failed
 */
public record AliasSettings(String strategy, List<String> fallbacks) {

    public static final AliasSettings DEFAULT = new AliasSettings("priority", List.of());

    public AliasSettings {
        if (Strategies.named(strategy).isEmpty()) {
            throw new IllegalArgumentException("unknown routing strategy: " + strategy);
        }
        fallbacks = List.copyOf(fallbacks);
    }
}
