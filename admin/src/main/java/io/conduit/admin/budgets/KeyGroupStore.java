package io.conduit.admin.budgets;

import static io.conduit.admin.web.Ids.required;

import io.conduit.admin.changes.ConfigChangePublisher;
import io.conduit.admin.web.AdminException;
import io.conduit.admin.web.CrudStore;
import io.conduit.admin.web.Ids;
import io.conduit.contracts.config.ConfigEntity;
import io.conduit.contracts.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;

/** Key groups in PostgreSQL. */
public class KeyGroupStore implements CrudStore<KeyGroupRequest, KeyGroupView> {

    private static final String COLUMNS = "id, name, metadata::text as metadata, created_at, updated_at";
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ConfigChangePublisher changes;

    public KeyGroupStore(JdbcClient jdbc, ConfigChangePublisher changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @Override
    public List<KeyGroupView> list() {
        return jdbc.sql("select " + COLUMNS + " from key_groups order by name").query(KeyGroupStore::view).list();
    }

    @Override
    public KeyGroupView get(String idOrName) {
        return find(idOrName).orElseThrow(() -> AdminException.notFound("Key group", idOrName));
    }

    /** By id, or else by name. */
    public Optional<KeyGroupView> find(String idOrName) {
        Optional<KeyGroupView> byId = Ids.parse(idOrName).flatMap(id -> jdbc.sql("select " + COLUMNS
                + " from key_groups where id = ?").param(id).query(KeyGroupStore::view).optional());
        return byId.isPresent() ? byId : jdbc.sql("select " + COLUMNS + " from key_groups where name = ?")
                .param(idOrName).query(KeyGroupStore::view).optional();
    }

    @Override
    public KeyGroupView create(KeyGroupRequest request) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into key_groups (id, name, metadata) values (?, ?, cast(? as jsonb))")
                .params(id, required(request.name(), "name"), metadata(request.metadata()))
                .update();
        changes.upserted(ConfigEntity.KEY_GROUP, id.toString());
        return get(id.toString());
    }

    @Override
    public KeyGroupView update(String idOrName, KeyGroupRequest request) {
        KeyGroupView current = get(idOrName);
        jdbc.sql("update key_groups set name = ?, metadata = cast(? as jsonb), updated_at = now() where id = ?")
                .params(request.name() == null ? current.name() : required(request.name(), "name"),
                        metadata(request.metadata() == null ? current.metadata() : request.metadata()),
                        UUID.fromString(current.id()))
                .update();
        changes.upserted(ConfigEntity.KEY_GROUP, current.id());
        return get(current.id());
    }

    @Override
    public void delete(String idOrName) {
        KeyGroupView current = get(idOrName);
        try {
            jdbc.sql("delete from key_groups where id = ?").param(UUID.fromString(current.id())).update();
        } catch (DataIntegrityViolationException e) {
            throw AdminException.conflict("key_group_in_use",
                    "Key group '" + current.name() + "' still has keys; move or delete them first.");
        }
        jdbc.sql("delete from budgets where scope = 'key_group' and scope_id = ?").param(UUID.fromString(current.id()))
                .update();
        changes.deleted(ConfigEntity.KEY_GROUP, current.id());
    }

    private static String metadata(Map<String, Object> metadata) {
        return Json.mapper().writeValueAsString(metadata == null ? Map.of() : metadata);
    }

    private static KeyGroupView view(ResultSet rs, int row) throws SQLException {
        return new KeyGroupView(rs.getString("id"), rs.getString("name"),
                Json.mapper().readValue(rs.getString("metadata"), METADATA),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
