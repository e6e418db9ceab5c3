package io.conduit.admin.routes;

import io.conduit.admin.changes.ConfigChangePublisher;
import io.conduit.admin.mappings.ModelMappingStore;
import io.conduit.admin.mappings.ModelMappingView;
import io.conduit.admin.web.AdminException;
import io.conduit.contracts.config.ConfigEntity;
import io.conduit.contracts.routing.RoutingStrategyNames;
import java.sql.Array;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Per-alias routing settings in PostgreSQL ({@code model_routes}), shown with the alias's deployments. */
public class RouteStore {

    private record Settings(String strategy, List<String> fallbacks, List<String> contextWindow, List<String> contentPolicy) {
        static final Settings DEFAULT = new Settings("priority", List.of(), List.of(), List.of());
    }

    private final JdbcClient jdbc;
    private final ModelMappingStore mappings;
    private final ConfigChangePublisher changes;

    public RouteStore(JdbcClient jdbc, ModelMappingStore mappings, ConfigChangePublisher changes) {
        this.jdbc = jdbc;
        this.mappings = mappings;
        this.changes = changes;
    }

    public List<RouteView> list() {
        Map<String, List<ModelMappingView>> byAlias = mappings.list().stream()
                .collect(Collectors.groupingBy(ModelMappingView::alias));
        TreeSet<String> aliases = new TreeSet<>(byAlias.keySet());
        aliases.addAll(jdbc.sql("select alias from model_routes").query(String.class).list());
        return aliases.stream().map(alias -> view(alias, byAlias.getOrDefault(alias, List.of()))).toList();
    }

    public RouteView get(String alias) {
        List<ModelMappingView> deployments = mappings.list().stream().filter(m -> m.alias().equals(alias)).toList();
        if (deployments.isEmpty() && settings(alias).isEmpty()) {
            throw AdminException.notFound("Route", alias);
        }
        return view(alias, deployments);
    }

    public RouteView put(String alias, RouteRequest request) {
        Settings current = settings(alias).orElse(Settings.DEFAULT);
        String strategy = request.strategy() == null ? current.strategy() : strategy(request.strategy());
        List<String> fallbacks = aliases(alias, request.fallbacks(), current.fallbacks(), "fallbacks");
        List<String> contextWindow = aliases(alias, request.contextWindowFallbacks(), current.contextWindow(),
                "context_window_fallbacks");
        List<String> contentPolicy = aliases(alias, request.contentPolicyFallbacks(), current.contentPolicy(),
                "content_policy_fallbacks");
        jdbc.sql("""
                insert into model_routes (alias, strategy, fallbacks, context_window_fallbacks, content_policy_fallbacks)
                values (?, ?, ?, ?, ?)
                on conflict (alias) do update set strategy = excluded.strategy, fallbacks = excluded.fallbacks,
                    context_window_fallbacks = excluded.context_window_fallbacks,
                    content_policy_fallbacks = excluded.content_policy_fallbacks, updated_at = now()""")
                .params(alias, strategy, fallbacks.toArray(String[]::new), contextWindow.toArray(String[]::new),
                        contentPolicy.toArray(String[]::new))
                .update();
        changes.upserted(ConfigEntity.ROUTE, alias);
        return get(alias);
    }

    public void delete(String alias) {
        if (jdbc.sql("delete from model_routes where alias = ?").param(alias).update() == 0) {
            throw AdminException.notFound("Route settings of", alias);
        }
        changes.deleted(ConfigEntity.ROUTE, alias);
    }

    private RouteView view(String alias, List<ModelMappingView> deployments) {
        Settings s = settings(alias).orElse(Settings.DEFAULT);
        return new RouteView(alias, s.strategy(), s.fallbacks(), s.contextWindow(), s.contentPolicy(), deployments);
    }

    private Optional<Settings> settings(String alias) {
        return jdbc.sql("""
                        select strategy, fallbacks, context_window_fallbacks, content_policy_fallbacks
                        from model_routes where alias = ?""")
                .param(alias)
                .query((rs, n) -> new Settings(rs.getString(1), strings(rs.getArray(2)), strings(rs.getArray(3)),
                        strings(rs.getArray(4))))
                .optional();
    }

    private static String strategy(String name) {
        if (!RoutingStrategyNames.ALL.contains(name)) {
            throw AdminException.badRequest("strategy", "'strategy' must be one of: " + String.join(", ", RoutingStrategyNames.ALL) + ".");
        }
        return name;
    }

    private static List<String> aliases(String self, List<String> given, List<String> current, String param) {
        if (given == null) {
            return current;
        }
        for (String alias : given) {
            if (alias == null || alias.isBlank() || alias.equals(self)) {
                throw AdminException.badRequest(param, "'" + param + "' lists other aliases by name.");
            }
        }
        return given.stream().map(String::strip).toList();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
