package io.conduit.provider.minimax;

import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ModelFeature;
import java.util.Locale;

/** Default capabilities of MiniMax's text models (https://platform.minimax.io/docs), by name prefix. */
final class MiniMaxModels {

    private MiniMaxModels() {}

    static ModelCapabilities of(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (name.startsWith("minimax-m2") || name.startsWith("minimax-m3")) {
            return ModelCapabilities.of(204_800, 131_072, ModelFeature.TOOLS, ModelFeature.REASONING);
        }
        if (name.startsWith("minimax-m1")) {
            return ModelCapabilities.of(1_000_000, 40_000, ModelFeature.TOOLS, ModelFeature.REASONING);
        }
        if (name.startsWith("minimax-text-01")) {
            return ModelCapabilities.of(1_000_000, 2_048, ModelFeature.TOOLS, ModelFeature.JSON_SCHEMA);
        }
        if (name.startsWith("minimax-vl-01")) {
            return ModelCapabilities.of(1_000_000, 2_048, ModelFeature.VISION);
        }
        return ModelCapabilities.UNKNOWN;
    }
}
