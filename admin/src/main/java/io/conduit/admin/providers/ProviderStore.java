package io.conduit.admin.providers;

import io.conduit.admin.changes.ConfigChangePublisher;
import io.conduit.admin.web.AdminException;
import io.conduit.admin.web.CrudStore;
import io.conduit.admin.web.Ids;
import static io.conduit.admin.web.Ids.required;
import io.conduit.contracts.config.ConfigEntity;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.providers.ProviderFamily;
import io.conduit.contracts.security.CredentialCipher;
import io.conduit.contracts.security.SecretHints;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Providers in PostgreSQL: validation, encrypted credentials, change events. */
public class ProviderStore implements CrudStore<ProviderRequest, ProviderView> {

    private static final String COLUMNS = "id, name, type, base_url, api_key_hint, extra_api_key_hints, settings::text as settings, created_at, updated_at";

    private final JdbcClient jdbc;
    private final CredentialCipher cipher;
    private final ConfigChangePublisher changes;

    public ProviderStore(JdbcClient jdbc, CredentialCipher cipher, ConfigChangePublisher changes) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.changes = changes;
    }

    public List<ProviderView> list() {
        return jdbc.sql("select " + COLUMNS + " from providers order by name").query(ProviderStore::view).list();
    }

    public ProviderView get(String idOrName) {
        return find(idOrName).orElseThrow(() -> AdminException.notFound("Provider", idOrName));
    }

    /** By id, or else by name. */
    public Optional<ProviderView> find(String idOrName) {
        Optional<ProviderView> byId = Ids.parse(idOrName).flatMap(id -> jdbc.sql("select " + COLUMNS + " from providers where id = ?")
                .param(id).query(ProviderStore::view).optional());
        return byId.isPresent() ? byId : jdbc.sql("select " + COLUMNS + " from providers where name = ?")
                .param(idOrName).query(ProviderStore::view).optional();
    }

    public ProviderView create(ProviderRequest request) {
        String name = required(request.name(), "name");
        String type = validType(required(request.type(), "type"));
        String baseUrl = validUrl(request.baseUrl() == null ? defaultBaseUrl(type) : request.baseUrl());
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into providers (id, name, type, base_url, settings) values (?, ?, ?, ?, ?::jsonb)""")
                .params(id, name, type, baseUrl, settingsJson(request.settings() == null ? Map.of() : request.settings()))
                .update();
        storeKeys(id, request.allKeys());
        changes.upserted(ConfigEntity.PROVIDER, id.toString());
        return get(id.toString());
    }

    public ProviderView update(String idOrName, ProviderRequest request) {
        ProviderView current = get(idOrName);
        String name = request.name() == null ? current.name() : required(request.name(), "name");
        String type = request.type() == null ? current.type() : validType(request.type());
        String baseUrl = request.baseUrl() == null ? current.baseUrl() : validUrl(request.baseUrl());
        Map<String, String> settings = request.settings() == null ? current.settings() : request.settings();
        jdbc.sql("update providers set name = ?, type = ?, base_url = ?, settings = ?::jsonb, updated_at = now() where id = ?")
                .params(name, type, baseUrl, settingsJson(settings), UUID.fromString(current.id())).update();
        if (request.apiKey() != null || request.apiKeys() != null) {
            storeKeys(UUID.fromString(current.id()), request.allKeys());
        }
        changes.upserted(ConfigEntity.PROVIDER, current.id());
        return get(current.id());
    }

    public void delete(String idOrName) {
        ProviderView current = get(idOrName);
        try {
            jdbc.sql("delete from providers where id = ?").param(UUID.fromString(current.id())).update();
        } catch (DataIntegrityViolationException e) {
            throw AdminException.conflict("provider_in_use",
                    "Provider '" + current.name() + "' is used by model mappings; delete them first.");
        }
        changes.deleted(ConfigEntity.PROVIDER, current.id());
    }

    /** The first key in the main columns, the others (for rotation) in the extra ones; all encrypted. */
    private void storeKeys(UUID id, List<String> keys) {
        for (String key : keys) {
            if (key == null || key.isBlank()) {
                throw AdminException.badRequest("api_keys", "API keys must not be empty.");
            }
        }
        List<String> extra = keys.size() > 1 ? keys.subList(1, keys.size()) : List.of();
        jdbc.sql("""
                update providers set api_key_ciphertext = ?, api_key_hint = ?, extra_api_keys_ciphertext = ?,
                       extra_api_key_hints = ? where id = ?""")
                .params(keys.isEmpty() ? null : cipher.encrypt(keys.getFirst()),
                        keys.isEmpty() ? null : SecretHints.hint(keys.getFirst()),
                        extra.stream().map(cipher::encrypt).toArray(String[]::new),
                        extra.stream().map(SecretHints::hint).toArray(String[]::new), id)
                .update();
    }

    private static String validType(String type) {
        return ProviderFamily.fromId(type).map(ProviderFamily::id).orElseThrow(() -> AdminException.badRequest("type",
                "'type' must be one of: " + String.join(", ", ProviderFamily.ids()) + "."));
    }

    private static String defaultBaseUrl(String type) {
        return ProviderFamily.fromId(type).flatMap(ProviderFamily::defaultBaseUrl).orElseThrow(() ->
                AdminException.badRequest("base_url", "'base_url' is required for type " + type + "."));
    }

    private static String settingsJson(Map<String, String> settings) {
        for (var entry : settings.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank() || entry.getValue() == null) {
                throw AdminException.badRequest("settings", "'settings' must be an object of non-empty names and string values.");
            }
        }
        return Json.mapper().writeValueAsString(settings);
    }

    private static Map<String, String> settings(String json) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (json != null) {
            Json.mapper().readTree(json).properties().forEach(e -> settings.put(e.getKey(), e.getValue().asString()));
        }
        return settings;
    }

    private static String validUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (Exception e) {
            // reported below
        }
        throw AdminException.badRequest("base_url", "'base_url' must be an absolute http(s) URL.");
    }

    private static ProviderView view(ResultSet rs, int row) throws SQLException {
        return new ProviderView(rs.getString("id"), rs.getString("name"), rs.getString("type"), rs.getString("base_url"),
                rs.getString("api_key_hint"), List.of((String[]) rs.getArray("extra_api_key_hints").getArray()),
                settings(rs.getString("settings")), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
    }

    static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
