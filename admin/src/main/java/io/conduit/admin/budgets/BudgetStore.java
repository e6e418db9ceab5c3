package io.conduit.admin.budgets;

import io.conduit.admin.changes.ConfigChangePublisher;
import io.conduit.admin.web.AdminException;
import io.conduit.admin.web.CrudStore;
import io.conduit.admin.web.Ids;
import io.conduit.contracts.config.ConfigEntity;
import io.conduit.contracts.money.Micros;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Budgets in PostgreSQL: at most one per key and one per key group. */
public class BudgetStore implements CrudStore<BudgetRequest, BudgetView> {

    static final Set<String> SCOPES = Set.of("key", "key_group");
    static final Set<String> PERIODS = Set.of("daily", "weekly", "monthly", "total");
    private static final String COLUMNS = "id, scope, scope_id, amount_micros, period, created_at, updated_at";

    private final JdbcClient jdbc;
    private final KeyGroupStore groups;
    private final ConfigChangePublisher changes;

    public BudgetStore(JdbcClient jdbc, KeyGroupStore groups, ConfigChangePublisher changes) {
        this.jdbc = jdbc;
        this.groups = groups;
        this.changes = changes;
    }

    @Override
    public List<BudgetView> list() {
        return jdbc.sql("select " + COLUMNS + " from budgets order by scope, created_at").query(BudgetStore::view).list();
    }

    @Override
    public BudgetView get(String id) {
        return Ids.parse(id).flatMap(uuid -> jdbc.sql("select " + COLUMNS + " from budgets where id = ?").param(uuid)
                        .query(BudgetStore::view).optional())
                .orElseThrow(() -> AdminException.notFound("Budget", id));
    }

    @Override
    public BudgetView create(BudgetRequest request) {
        String scope = scope(request.scope());
        UUID scopeId = scopeId(scope, request.scopeId());
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("insert into budgets (id, scope, scope_id, amount_micros, period) values (?, ?, ?, ?, ?)")
                    .params(id, scope, scopeId, Amounts.micros(request.amountUsd(), request.amountMicros(), "amount", true),
                            period(request.period()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw AdminException.conflict("budget_exists", "This " + scope.replace('_', ' ')
                    + " already has a budget; update it instead.");
        }
        changes.upserted(ConfigEntity.BUDGET, id.toString());
        return get(id.toString());
    }

    @Override
    public BudgetView update(String id, BudgetRequest request) {
        BudgetView current = get(id);
        if (request.scope() != null || request.scopeId() != null) {
            throw AdminException.badRequest("scope", "A budget's scope cannot change; delete it and create another.");
        }
        long amount = request.amountUsd() == null && request.amountMicros() == null ? current.amountMicros()
                : Amounts.micros(request.amountUsd(), request.amountMicros(), "amount", true);
        jdbc.sql("update budgets set amount_micros = ?, period = ?, updated_at = now() where id = ?")
                .params(amount, request.period() == null ? current.period() : period(request.period()),
                        UUID.fromString(current.id()))
                .update();
        changes.upserted(ConfigEntity.BUDGET, current.id());
        return get(current.id());
    }

    @Override
    public void delete(String id) {
        BudgetView current = get(id);
        jdbc.sql("delete from budgets where id = ?").param(UUID.fromString(current.id())).update();
        changes.deleted(ConfigEntity.BUDGET, current.id());
    }

    private static String scope(String scope) {
        if (scope == null || !SCOPES.contains(scope)) {
            throw AdminException.badRequest("scope", "'scope' must be 'key' or 'key_group'.");
        }
        return scope;
    }

    private UUID scopeId(String scope, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw AdminException.badRequest("scope_id", "'scope_id' is required.");
        }
        if (scope.equals("key_group")) {
            return groups.find(idOrName).map(g -> UUID.fromString(g.id())).orElseThrow(() ->
                    AdminException.badRequest("scope_id", "Key group '" + idOrName + "' does not exist."));
        }
        return Ids.parse(idOrName)
                .filter(id -> jdbc.sql("select count(*) from virtual_keys where id = ?").param(id).query(Integer.class)
                        .single() > 0)
                .orElseThrow(() -> AdminException.badRequest("scope_id", "Virtual key '" + idOrName + "' does not exist."));
    }

    private static String period(String period) {
        if (period == null || !PERIODS.contains(period)) {
            throw AdminException.badRequest("period", "'period' must be one of daily, weekly, monthly, total.");
        }
        return period;
    }

    private static BudgetView view(ResultSet rs, int row) throws SQLException {
        long amount = rs.getLong("amount_micros");
        return new BudgetView(rs.getString("id"), rs.getString("scope"), rs.getString("scope_id"), amount,
                Micros.usdString(amount), rs.getString("period"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
