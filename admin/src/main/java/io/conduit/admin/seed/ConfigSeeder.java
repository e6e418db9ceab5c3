package io.conduit.admin.seed;

import io.conduit.admin.AdminProperties;
import io.conduit.admin.keys.VirtualKeyRequest;
import io.conduit.admin.keys.VirtualKeyStore;
import io.conduit.admin.mappings.ModelMappingRequest;
import io.conduit.admin.mappings.ModelMappingStore;
import io.conduit.admin.providers.ProviderRequest;
import io.conduit.admin.providers.ProviderStore;
import io.conduit.admin.providers.ProviderView;
import io.conduit.admin.web.AdminException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies configuration given at start — the declarative file and {@code OPENAI_API_KEY} — so
 * that applying it again changes nothing: providers by name, mappings by alias + provider + model,
 * keys by their hash.
 */
public final class ConfigSeeder {

    private static final Logger log = LoggerFactory.getLogger(ConfigSeeder.class);

    private final ProviderStore providers;
    private final ModelMappingStore mappings;
    private final VirtualKeyStore keys;

    public ConfigSeeder(ProviderStore providers, ModelMappingStore mappings, VirtualKeyStore keys) {
        this.providers = providers;
        this.mappings = mappings;
        this.keys = keys;
    }

    /**
     * Applies the configuration file, then registers {@code OPENAI_API_KEY} as provider {@code openai}.
     *
     * @param variables what {@code ${NAME}} in the file expands to (the process environment)
     */
    public void seed(AdminProperties properties, Map<String, String> variables) {
        if (properties.configFile() != null && !properties.configFile().isBlank()) {
            apply(DeclarativeConfigReader.read(Path.of(properties.configFile()), variables));
            log.info("Applied the configuration file {}", properties.configFile());
        }
        if (properties.openaiApiKey() != null && !properties.openaiApiKey().isBlank()) {
            upsertProvider(new ProviderRequest("openai", "openai", properties.openaiBaseUrl() == null
                    ? "https://api.openai.com/v1" : properties.openaiBaseUrl(), properties.openaiApiKey()));
            log.info("Registered provider 'openai' from OPENAI_API_KEY");
        }
    }

    public void apply(DeclarativeConfig config) {
        config.providersOrEmpty().forEach(this::upsertProvider);
        config.mappingsOrEmpty().forEach(this::upsertMapping);
        for (DeclarativeConfig.SeedKey key : config.keysOrEmpty()) {
            VirtualKeyRequest settings = new VirtualKeyRequest(key.name(), key.enabled(), key.expiresAt(),
                    key.allowedModels(), key.metadata());
            if (key.key() == null) {
                throw AdminException.badRequest("key", "Virtual key '" + key.name() + "' in the configuration file has no key.");
            }
            keys.findByKey(key.key()).ifPresentOrElse(
                    existing -> keys.update(existing.id(), settings),
                    () -> keys.importKey(key.key(), settings));
        }
    }

    private void upsertProvider(ProviderRequest request) {
        if (request.name() == null) {
            throw AdminException.badRequest("name", "A provider in the configuration has no name.");
        }
        providers.find(request.name()).ifPresentOrElse(
                existing -> providers.update(existing.id(), request),
                () -> providers.create(request));
    }

    private void upsertMapping(ModelMappingRequest request) {
        ProviderView provider = providers.find(request.provider() == null ? "" : request.provider())
                .orElseThrow(() -> AdminException.badRequest("provider",
                        "Mapping '" + request.alias() + "' names provider '" + request.provider() + "', which is not configured."));
        mappings.find(request.alias(), provider.id(), request.providerModel()).ifPresentOrElse(
                existing -> mappings.update(existing.id(), request),
                () -> mappings.create(request));
    }
}
