package io.conduit.admin.spend;

import io.conduit.admin.web.AdminException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the spend store the ledger's sink writes: {@code spend_daily} for grouped totals,
 * {@code spend_records} for raw records and unpriced usage. Read only.
 */
public class SpendReports {

    /** A page of raw records and the cursor of the next page (null on the last). */
    public record Page(List<Map<String, Object>> data, String nextCursor) {}

    /** One group's row: its naming columns, then its amounts. */
    public record Row(Map<String, Object> group, SpendAmounts amounts) {

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>(group);
            map.putAll(amounts.toMap());
            return map;
        }
    }

    private static final String AMOUNTS = """
            sum(s.requests) as requests, sum(s.unpriced_requests) as unpriced_requests,
            sum(s.prompt_tokens) as prompt_tokens, sum(s.completion_tokens) as completion_tokens,
            sum(s.cached_tokens) as cached_tokens, sum(s.total_micros) as total_micros""";

    private final JdbcClient jdbc;

    public SpendReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Totals of the query's range, one row per group. */
    public List<Row> report(SpendQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("s.day between ? and ?");
        params.add(query.from());
        params.add(query.to());
        filter(where, params, "s.key_id", query.keyId());
        filter(where, params, "s.key_group_id", query.keyGroupId());
        filter(where, params, "s.provider_model", query.model());
        filter(where, params, "s.provider", query.provider());
        SpendGrouping grouping = query.groupBy();
        String grouped = "select " + grouping.expression() + " as grp, " + AMOUNTS + " from spend_daily s where " + where
                + " group by 1";
        String sql = grouping == SpendGrouping.KEY
                ? "select g.*, k.name as key_name from (" + grouped + ") g left join virtual_keys k on k.id::text = g.grp"
                : "select g.* from (" + grouped + ") g";
        sql += grouping.chronological() ? " order by g.grp" : " order by g.total_micros desc, g.grp";
        return jdbc.sql(sql).params(params).query((rs, n) -> row(grouping, rs)).list();
    }

    /** Raw records of the range in time order (then by id), {@code limit} at a time. */
    public Page records(SpendQuery query, int limit, String cursor) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("occurred_at >= ? and occurred_at < ?");
        params.add(startOf(query.from()));
        params.add(startOf(query.to().plusDays(1)));
        filter(where, params, "key_id", query.keyId());
        filter(where, params, "key_group_id", query.keyGroupId());
        filter(where, params, "provider_model", query.model());
        filter(where, params, "provider", query.provider());
        if (cursor != null && !cursor.isBlank()) {
            Cursor after = Cursor.decode(cursor);
            where.append(" and (occurred_at, id) > (?, ?)");
            params.add(after.occurredAt().atOffset(ZoneOffset.UTC));
            params.add(after.id());
        }
        params.add(limit + 1);
        List<Map<String, Object>> rows = jdbc.sql("select * from spend_records where " + where
                        + " order by occurred_at, id limit ?")
                .params(params).query((rs, n) -> record(rs)).list();
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<Map<String, Object>> page = rows.subList(0, limit);
        Map<String, Object> last = page.getLast();
        return new Page(page, new Cursor((Instant) last.get("occurred_at"), (String) last.get("id")).encode());
    }

    /** Records priced at zero because their model had no price in the range, by model and provider. */
    public List<Map<String, Object>> unpriced(SpendQuery query) {
        return jdbc.sql("""
                        select provider_model, provider, count(*) as requests, count(distinct key_id) as keys,
                               sum(prompt_tokens) as prompt_tokens, sum(completion_tokens) as completion_tokens,
                               sum(cached_tokens) as cached_tokens, min(occurred_at) as first_seen,
                               max(occurred_at) as last_seen
                        from spend_records
                        where unpriced and occurred_at >= ? and occurred_at < ?
                        group by provider_model, provider
                        order by count(*) desc, provider_model, provider""")
                .params(startOf(query.from()), startOf(query.to().plusDays(1)))
                .query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("model", rs.getString("provider_model"));
                    row.put("provider", rs.getString("provider"));
                    row.put("requests", rs.getLong("requests"));
                    row.put("keys", rs.getLong("keys"));
                    row.put("prompt_tokens", rs.getLong("prompt_tokens"));
                    row.put("completion_tokens", rs.getLong("completion_tokens"));
                    row.put("cached_tokens", rs.getLong("cached_tokens"));
                    row.put("first_seen", instant(rs, "first_seen"));
                    row.put("last_seen", instant(rs, "last_seen"));
                    return row;
                }).list();
    }

    private static void filter(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static Row row(SpendGrouping grouping, ResultSet rs) throws SQLException {
        Map<String, Object> group = new LinkedHashMap<>();
        String value = rs.getString("grp");
        switch (grouping) {
            case KEY -> {
                group.put("key_id", value);
                group.put("key_name", rs.getString("key_name"));
            }
            // '' is how spend_daily stores "no key group"
            case KEY_GROUP -> group.put("key_group_id", value == null || value.isEmpty() ? null : value);
            default -> group.put(grouping.columns().getFirst(), value);
        }
        return new Row(group, new SpendAmounts(rs.getLong("requests"), rs.getLong("unpriced_requests"),
                rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getLong("cached_tokens"),
                rs.getLong("total_micros")));
    }

    /** A raw record with the field names of {@code conduit.spend.v1}. */
    private static Map<String, Object> record(ResultSet rs) throws SQLException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", rs.getString("id"));
        record.put("request_id", rs.getString("request_id"));
        record.put("key_id", rs.getString("key_id"));
        record.put("key_group_id", rs.getString("key_group_id"));
        for (String column : List.of("alias", "provider", "provider_model", "endpoint", "outcome")) {
            record.put(column, rs.getString(column));
        }
        for (String column : List.of("prompt_tokens", "completion_tokens", "cached_tokens", "input_micros",
                "cached_input_micros", "output_micros", "media_micros", "total_micros")) {
            record.put(column, rs.getLong(column));
        }
        record.put("total_usd", SpendAmounts.usd(rs.getLong("total_micros")));
        record.put("price_version", rs.getString("price_version"));
        record.put("unpriced", rs.getBoolean("unpriced"));
        record.put("usage_estimated", rs.getBoolean("usage_estimated"));
        record.put("occurred_at", instant(rs, "occurred_at"));
        record.put("priced_at", instant(rs, "priced_at"));
        return record;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Where a page ended: the last record's time and id, as opaque URL-safe base64. */
    record Cursor(Instant occurredAt, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((occurredAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
                int bar = decoded.indexOf('|');
                if (bar < 0) {
                    throw new IllegalArgumentException("no separator");
                }
                return new Cursor(Instant.parse(decoded.substring(0, bar)), decoded.substring(bar + 1));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw AdminException.badRequest("cursor", "'cursor' is not a cursor this API returned.");
            }
        }
    }
}
