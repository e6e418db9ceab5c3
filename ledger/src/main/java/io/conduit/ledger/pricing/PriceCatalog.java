package io.conduit.ledger.pricing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.conduit.contracts.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A versioned set of model prices. Every spend record names the version that priced it.
 *
 * @param version identifies this catalog; changes with every edit
 * @param effectiveFrom from when these prices apply
 * @param source where the prices come from
 */
public record PriceCatalog(String version, @JsonProperty("effective_from") Instant effectiveFrom, String currency,
        String source, Map<String, ModelPrice> models) {

    public PriceCatalog {
        models = Map.copyOf(models);
    }

    /** The price of a model, by its exact provider model name, else with a {@code provider/} prefix removed. */
    public Optional<ModelPrice> priceOf(String providerModel) {
        if (providerModel == null) {
            return Optional.empty();
        }
        ModelPrice price = models.get(providerModel);
        if (price == null && providerModel.contains("/")) {
            price = models.get(providerModel.substring(providerModel.indexOf('/') + 1));
        }
        return Optional.ofNullable(price);
    }

    /** The catalog shipped with Conduit (converted from the reference price table; see its {@code source}). */
    public static PriceCatalog bundled() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream("/prices/catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("prices/catalog.json is missing from the classpath");
            }
            return Json.mapper().readValue(in, PriceCatalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
