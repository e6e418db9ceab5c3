package io.conduit.router;

import java.util.List;

/**
 * Per-alias routing settings.
 *
 * @param strategy name of the routing strategy (see {@link Strategies#NAMES})
 * @param fallbacks aliases tried, in order, when every deployment of this one failed
 * @param contextWindowFallbacks aliases tried when the request is too long for this one's models
 * @param contentPolicyFallbacks aliases tried when this one's provider refuses the content
 */
public record AliasSettings(String strategy, List<String> fallbacks, List<String> contextWindowFallbacks,
        List<String> contentPolicyFallbacks) {

    public static final AliasSettings DEFAULT = new AliasSettings("priority", List.of(), List.of(), List.of());

    public AliasSettings {
        if (Strategies.named(strategy).isEmpty()) {
            throw new IllegalArgumentException("unknown routing strategy: " + strategy);
        }
        fallbacks = List.copyOf(fallbacks);
        contextWindowFallbacks = List.copyOf(contextWindowFallbacks);
        contentPolicyFallbacks = List.copyOf(contentPolicyFallbacks);
    }

    public AliasSettings(String strategy, List<String> fallbacks) {
        this(strategy, fallbacks, List.of(), List.of());
    }
}
