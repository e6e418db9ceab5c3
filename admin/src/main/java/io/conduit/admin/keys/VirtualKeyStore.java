package io.conduit.admin.keys;

import static io.conduit.admin.web.Ids.required;

import io.conduit.admin.budgets.KeyGroupStore;
import io.conduit.admin.changes.ConfigChangePublisher;
import io.conduit.admin.web.AdminException;
import io.conduit.admin.web.CrudStore;
import io.conduit.admin.web.Ids;
import io.conduit.contracts.config.ConfigEntity;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.security.SecretHints;
import io.conduit.contracts.security.VirtualKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/** Virtual keys in PostgreSQL: stored as SHA-256 hashes; the key itself is shown once, at creation. */
public class VirtualKeyStore implements CrudStore<VirtualKeyRequest, VirtualKeyView> {

    private static final String COLUMNS =
            "id, name, key_hint, enabled, expires_at, allowed_models, metadata, key_group_id, created_at, updated_at";
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final KeyGroupStore groups;
    private final ConfigChangePublisher changes;

    public VirtualKeyStore(JdbcClient jdbc, KeyGroupStore groups, ConfigChangePublisher changes) {
        this.jdbc = jdbc;
        this.groups = groups;
        this.changes = changes;
    }

    @Override
    public List<VirtualKeyView> list() {
        return jdbc.sql("select " + COLUMNS + " from virtual_keys order by created_at, id").query(VirtualKeyStore::view).list();
    }

    @Override
    public VirtualKeyView get(String id) {
        return Ids.parse(id)
                .flatMap(uuid -> jdbc.sql("select " + COLUMNS + " from virtual_keys where id = ?").param(uuid)
                        .query(VirtualKeyStore::view).optional())
                .orElseThrow(() -> AdminException.notFound("Virtual key", id));
    }

    /** Creates a key with a fresh random secret; the answer is the only place it ever appears. */
    @Override
    public VirtualKeyView create(VirtualKeyRequest request) {
        String key = VirtualKeys.generate();
        return insert(key, request).withKey(key);
    }

    /** The key with this plaintext, if one exists (for declarative seeding). */
    public Optional<VirtualKeyView> findByKey(String plaintext) {
        return jdbc.sql("select " + COLUMNS + " from virtual_keys where key_hash = ?").param(VirtualKeys.hash(plaintext))
                .query(VirtualKeyStore::view).optional();
    }

    /** Stores a key whose plaintext the operator chose (declarative configuration); only its hash is kept. */
    public VirtualKeyView importKey(String plaintext, VirtualKeyRequest request) {
        if (!VirtualKeys.looksLikeKey(plaintext)) {
            throw AdminException.badRequest("key", "A virtual key must start with " + VirtualKeys.PREFIX
                    + " and have at least 16 more characters.");
        }
        return insert(plaintext, request);
    }

    private VirtualKeyView insert(String key, VirtualKeyRequest request) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into virtual_keys (id, name, key_hash, key_hint, enabled, expires_at, allowed_models, metadata,
                    key_group_id)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""")
                .params(id, required(request.name(), "name"), VirtualKeys.hash(key), SecretHints.hint(key),
                        request.enabled() == null || request.enabled(), timestamp(request), allowedModels(request.allowedModels()),
                        metadata(request.metadata()), group(request.keyGroup()))
                .update();
        changes.upserted(ConfigEntity.VIRTUAL_KEY, id.toString());
        return get(id.toString());
    }

    @Override
    public VirtualKeyView update(String id, VirtualKeyRequest request) {
        VirtualKeyView current = get(id);
        jdbc.sql("""
                update virtual_keys set name = ?, enabled = ?, expires_at = ?, allowed_models = ?,
                       metadata = cast(? as jsonb), key_group_id = ?, updated_at = now()
                where id = ?""")
                .params(request.name() == null ? current.name() : required(request.name(), "name"),
                        request.enabled() == null ? current.enabled() : request.enabled(),
                        request.expiresAt() == null ? timestampOf(current) : timestamp(request),
                        allowedModels(request.allowedModels() == null ? current.allowedModels() : request.allowedModels()),
                        metadata(request.metadata() == null ? current.metadata() : request.metadata()),
                        request.keyGroup() == null ? (current.keyGroupId() == null ? null : UUID.fromString(current.keyGroupId()))
                                : group(request.keyGroup()),
                        UUID.fromString(current.id()))
                .update();
        changes.upserted(ConfigEntity.VIRTUAL_KEY, current.id());
        return get(current.id());
    }

    @Override
    public void delete(String id) {
        VirtualKeyView current = get(id);
        jdbc.sql("delete from virtual_keys where id = ?").param(UUID.fromString(current.id())).update();
        changes.deleted(ConfigEntity.VIRTUAL_KEY, current.id());
    }

    private static String[] allowedModels(List<String> models) {
        if (models == null) {
            return new String[0];
        }
        for (String model : models) {
            if (model == null || model.isBlank() || model.indexOf('*') >= 0 && model.indexOf('*') != model.length() - 1) {
                throw AdminException.badRequest("allowed_models",
                        "'allowed_models' holds model names, or prefixes ending with a single '*'.");
            }
        }
        return models.stream().map(String::strip).toArray(String[]::new);
    }

    /** The group's id; null for none ({@code ""} or absent). */
    private UUID group(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return null;
        }
        return groups.find(idOrName).map(g -> UUID.fromString(g.id())).orElseThrow(() ->
                AdminException.badRequest("key_group", "Key group '" + idOrName + "' does not exist."));
    }

    private static String metadata(Map<String, Object> metadata) {
        return Json.mapper().writeValueAsString(metadata == null ? Map.of() : metadata);
    }

    private static Timestamp timestamp(VirtualKeyRequest request) {
        return request.expiresAt() == null ? null : Timestamp.from(request.expiresAt());
    }

    private static Timestamp timestampOf(VirtualKeyView view) {
        return view.expiresAt() == null ? null : Timestamp.from(view.expiresAt());
    }

    private static VirtualKeyView view(ResultSet rs, int row) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        return new VirtualKeyView(rs.getString("id"), null, rs.getString("name"), rs.getString("key_hint"),
                rs.getBoolean("enabled"), expires == null ? null : expires.toInstant(),
                List.of((String[]) rs.getArray("allowed_models").getArray()),
                Json.mapper().readValue(rs.getString("metadata"), METADATA), rs.getString("key_group_id"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
