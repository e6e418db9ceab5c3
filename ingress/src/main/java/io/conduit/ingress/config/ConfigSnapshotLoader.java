package io.conduit.ingress.config;

import io.conduit.contracts.security.CredentialCipher;
import io.conduit.contracts.budget.BudgetState;
import io.conduit.ingress.budget.Budget;
import io.conduit.provider.spi.ModelCapabilities;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.AliasSettings;
import io.conduit.router.Deployment;
import io.conduit.router.RouteTable;
import java.net.URI;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the admin-managed configuration tables into a {@link GatewaySnapshot}. Off the hot path. */
public final class ConfigSnapshotLoader {

    private final JdbcClient jdbc;
    private final CredentialCipher cipher;

    public ConfigSnapshotLoader(DataSource dataSource, CredentialCipher cipher) {
        this.jdbc = JdbcClient.create(dataSource);
        this.cipher = cipher;
    }

    public GatewaySnapshot load() {
        Map<String, ProviderEndpoint> providers = jdbc.sql(
                        "select id, name, type, base_url, api_key_ciphertext, settings::text as settings from providers")
                .query((rs, n) -> new ProviderEndpoint(
                        rs.getString("id"),
                        rs.getString("name"),
                        rs.getString("type"),
                        URI.create(rs.getString("base_url")),
                        rs.getString("api_key_ciphertext") == null ? "" : cipher.decrypt(rs.getString("api_key_ciphertext")),
                        ProviderSettings.parse(rs.getString("settings"))))
                .list().stream()
                .collect(Collectors.toUnmodifiableMap(ProviderEndpoint::providerId, Function.identity()));
        Map<String, List<String>> providerKeys = jdbc.sql(
                        "select id, api_key_ciphertext, extra_api_keys_ciphertext from providers")
                .query((rs, n) -> {
                    List<String> keys = new java.util.ArrayList<>();
                    if (rs.getString("api_key_ciphertext") != null) {
                        keys.add(cipher.decrypt(rs.getString("api_key_ciphertext")));
                    }
                    strings(rs.getArray("extra_api_keys_ciphertext")).forEach(k -> keys.add(cipher.decrypt(k)));
                    return Map.entry(rs.getString("id"), List.copyOf(keys));
                })
                .list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Deployment> deployments = jdbc.sql("""
                        select id, alias, provider_id, provider_model, priority, weight, rpm_limit, tpm_limit, timeout_ms,
                               max_concurrent, cost_micros_per_million_tokens
                        from model_deployments order by alias, priority, created_at, id""")
                .query((rs, n) -> new Deployment(rs.getString("id"), rs.getString("alias"), rs.getString("provider_id"),
                        rs.getString("provider_model"), rs.getInt("priority"), rs.getInt("weight"),
                        rs.getObject("rpm_limit", Integer.class), rs.getObject("tpm_limit", Integer.class),
                        rs.getObject("timeout_ms") == null ? null : Duration.ofMillis(rs.getInt("timeout_ms")),
                        rs.getObject("max_concurrent", Integer.class),
                        rs.getObject("cost_micros_per_million_tokens", Long.class)))
                .list();
        Map<String, AliasSettings> routes = jdbc.sql(
                        "select alias, strategy, fallbacks, context_window_fallbacks, content_policy_fallbacks from model_routes")
                .query((rs, n) -> Map.entry(rs.getString("alias"), new AliasSettings(rs.getString("strategy"),
                        strings(rs.getArray("fallbacks")), strings(rs.getArray("context_window_fallbacks")),
                        strings(rs.getArray("content_policy_fallbacks")))))
                .list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, VirtualKey> keys = jdbc.sql(
                        "select id, name, key_hash, enabled, expires_at, allowed_models, key_group_id from virtual_keys")
                .query((rs, n) -> {
                    Timestamp expires = rs.getTimestamp("expires_at");
                    return new VirtualKey(rs.getString("id"), rs.getString("name"),
                            HexFormat.of().parseHex(rs.getString("key_hash")), rs.getBoolean("enabled"),
                            expires == null ? null : expires.toInstant(), strings(rs.getArray("allowed_models")),
                            rs.getString("key_group_id"));
                })
                .list().stream()
                .collect(Collectors.toUnmodifiableMap(k -> HexFormat.of().formatHex(k.hash()), Function.identity()));
        Map<String, ModelCapabilities> capabilities = jdbc.sql(
                        "select id, capabilities::text as capabilities from model_deployments where capabilities is not null")
                .query((rs, n) -> Map.entry(rs.getString("id"), CapabilityOverrides.parse(rs.getString("capabilities"))))
                .list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Budget> budgets = jdbc.sql("select id, scope, scope_id, amount_micros, period from budgets")
                .query((rs, n) -> new Budget(rs.getString("id"), rs.getString("scope"), rs.getString("scope_id"),
                        rs.getLong("amount_micros"), rs.getString("period")))
                .list().stream()
                .collect(Collectors.toUnmodifiableMap(b -> BudgetState.key(b.scope(), b.scopeId()), Function.identity()));
        Map<String, Long> credits = jdbc.sql(
                        "select key_group_id, sum(amount_micros) as credited from balance_transactions group by key_group_id")
                .query((rs, n) -> Map.entry(rs.getString("key_group_id"), rs.getLong("credited")))
                .list().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        return new GatewaySnapshot(keys, providers, providerKeys, RouteTable.compile(deployments, routes), capabilities,
                budgets, credits);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
