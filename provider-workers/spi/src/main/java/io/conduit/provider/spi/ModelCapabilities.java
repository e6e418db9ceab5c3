package io.conduit.provider.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * What one model of a provider can do. An adapter gives the defaults for its models; an operator
 * may override them per deployment.
 *
 * @param features the optional features the model supports
 * @param contextWindow prompt plus output tokens the model takes, 0 when unknown
 * @param maxOutputTokens most output tokens per answer, 0 when unknown
 */
public record ModelCapabilities(Set<ModelFeature> features, int contextWindow, int maxOutputTokens) {

    public static final ModelCapabilities UNKNOWN = new ModelCapabilities(Set.of(), 0, 0);

    public ModelCapabilities {
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    public static ModelCapabilities of(int contextWindow, int maxOutputTokens, ModelFeature... features) {
        return new ModelCapabilities(Set.of(features), contextWindow, maxOutputTokens);
    }

    public boolean supports(ModelFeature feature) {
        return features.contains(feature);
    }
}
