package io.conduit.admin.mappings;

import static io.conduit.admin.web.Ids.required;

import io.conduit.admin.changes.ConfigChangePublisher;
import io.conduit.admin.providers.ProviderStore;
import io.conduit.admin.providers.ProviderView;
import io.conduit.admin.web.AdminException;
import io.conduit.admin.web.CrudStore;
import io.conduit.admin.web.Ids;
import io.conduit.contracts.config.ConfigEntity;
import io.conduit.contracts.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Model mappings (alias deployments) in PostgreSQL, with change events. */
public class ModelMappingStore implements CrudStore<ModelMappingRequest, ModelMappingView> {

    private static final String SELECT = """
            select d.id, d.alias, p.name as provider, d.provider_id, d.provider_model, d.priority, d.weight,
                   d.rpm_limit, d.tpm_limit, d.timeout_ms, d.max_concurrent, d.cost_micros_per_million_tokens,
                   d.capabilities::text as capabilities, d.created_at, d.updated_at
            from model_deployments d join providers p on p.id = d.provider_id""";

    private final JdbcClient jdbc;
    private final ProviderStore providers;
    private final ConfigChangePublisher changes;

    public ModelMappingStore(JdbcClient jdbc, ProviderStore providers, ConfigChangePublisher changes) {
        this.jdbc = jdbc;
        this.providers = providers;
        this.changes = changes;
    }

    public List<ModelMappingView> list() {
        return jdbc.sql(SELECT + " order by d.alias, d.priority, d.created_at").query(ModelMappingStore::view).list();
    }

    public ModelMappingView get(String id) {
        return Ids.parse(id)
                .flatMap(uuid -> jdbc.sql(SELECT + " where d.id = ?").param(uuid).query(ModelMappingStore::view).optional())
                .orElseThrow(() -> AdminException.notFound("Model mapping", id));
    }

    public Optional<ModelMappingView> find(String alias, String providerId, String providerModel) {
        return jdbc.sql(SELECT + " where d.alias = ? and d.provider_id = ? and d.provider_model = ?")
                .params(alias, UUID.fromString(providerId), providerModel).query(ModelMappingStore::view).optional();
    }

    public ModelMappingView create(ModelMappingRequest request) {
        String alias = required(request.alias(), "alias");
        ProviderView provider = provider(required(request.provider(), "provider"));
        String providerModel = required(request.providerModel(), "provider_model");
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into model_deployments (id, alias, provider_id, provider_model, priority, weight, rpm_limit,
                    tpm_limit, timeout_ms, max_concurrent, cost_micros_per_million_tokens, capabilities)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(id, alias, UUID.fromString(provider.id()), providerModel, priority(request), weight(request),
                        positive(request.rpmLimit(), "rpm_limit"), positive(request.tpmLimit(), "tpm_limit"),
                        positive(request.timeoutMs(), "timeout_ms"), positive(request.maxConcurrent(), "max_concurrent"),
                        cost(request.costMicrosPerMillionTokens()), capabilitiesJson(request.capabilities()))
                .update();
        changes.upserted(ConfigEntity.MODEL_MAPPING, id.toString());
        return get(id.toString());
    }

    public ModelMappingView update(String id, ModelMappingRequest request) {
        ModelMappingView current = get(id);
        String alias = request.alias() == null ? current.alias() : required(request.alias(), "alias");
        String providerId = request.provider() == null ? current.providerId() : provider(request.provider()).id();
        String providerModel = request.providerModel() == null ? current.providerModel()
                : required(request.providerModel(), "provider_model");
        jdbc.sql("""
                update model_deployments set alias = ?, provider_id = ?, provider_model = ?, priority = ?, weight = ?,
                       rpm_limit = ?, tpm_limit = ?, timeout_ms = ?, max_concurrent = ?, cost_micros_per_million_tokens = ?,
                       capabilities = ?::jsonb, updated_at = now()
                where id = ?""")
                .params(alias, UUID.fromString(providerId), providerModel,
                        request.priority() == null ? current.priority() : request.priority(),
                        request.weight() == null ? current.weight() : weight(request),
                        request.rpmLimit() == null ? current.rpmLimit() : positive(request.rpmLimit(), "rpm_limit"),
                        request.tpmLimit() == null ? current.tpmLimit() : positive(request.tpmLimit(), "tpm_limit"),
                        request.timeoutMs() == null ? current.timeoutMs() : positive(request.timeoutMs(), "timeout_ms"),
                        request.maxConcurrent() == null ? current.maxConcurrent()
                                : positive(request.maxConcurrent(), "max_concurrent"),
                        request.costMicrosPerMillionTokens() == null ? current.costMicrosPerMillionTokens()
                                : cost(request.costMicrosPerMillionTokens()),
                        capabilitiesJson(request.capabilities() == null ? current.capabilities() : request.capabilities()),
                        UUID.fromString(current.id()))
                .update();
        changes.upserted(ConfigEntity.MODEL_MAPPING, current.id());
        return get(current.id());
    }

    public void delete(String id) {
        ModelMappingView current = get(id);
        jdbc.sql("delete from model_deployments where id = ?").param(UUID.fromString(current.id())).update();
        changes.deleted(ConfigEntity.MODEL_MAPPING, current.id());
    }

    private ProviderView provider(String idOrName) {
        return providers.find(idOrName).orElseThrow(() -> AdminException.badRequest("provider",
                "Provider '" + idOrName + "' does not exist."));
    }

    private static int priority(ModelMappingRequest request) {
        return request.priority() == null ? 0 : request.priority();
    }

    private static int weight(ModelMappingRequest request) {
        if (request.weight() != null && request.weight() < 1) {
            throw AdminException.badRequest("weight", "'weight' must be at least 1.");
        }
        return request.weight() == null ? 1 : request.weight();
    }

    private static Integer positive(Integer value, String param) {
        if (value != null && value < 1) {
            throw AdminException.badRequest(param, "'" + param + "' must be a positive number.");
        }
        return value;
    }

    private static Long cost(Long value) {
        if (value != null && value < 0) {
            throw AdminException.badRequest("cost_micros_per_million_tokens", "'cost_micros_per_million_tokens' must not be negative.");
        }
        return value;
    }

    private static String capabilitiesJson(DeploymentCapabilities capabilities) {
        return capabilities == null ? null : Json.mapper().writeValueAsString(capabilities.validated());
    }

    private static ModelMappingView view(ResultSet rs, int row) throws SQLException {
        return new ModelMappingView(rs.getString("id"), rs.getString("alias"), rs.getString("provider"),
                rs.getString("provider_id"), rs.getString("provider_model"), rs.getInt("priority"), rs.getInt("weight"),
                rs.getObject("rpm_limit", Integer.class), rs.getObject("tpm_limit", Integer.class),
                rs.getObject("timeout_ms", Integer.class), rs.getObject("max_concurrent", Integer.class),
                rs.getObject("cost_micros_per_million_tokens", Long.class),
                rs.getString("capabilities") == null ? null
                        : Json.mapper().readValue(rs.getString("capabilities"), DeploymentCapabilities.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
