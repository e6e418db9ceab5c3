package io.conduit.ledger.sink;

import io.conduit.contracts.spend.SpendRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * Writes spend records to PostgreSQL ({@code spend_records}, {@code spend_daily}; schema in the admin
 * module's {@code V6__spend.sql}). A batch is one statement in one transaction: the records are
 * inserted by id with {@code on conflict do nothing}, and only the rows that were actually inserted
 * are added to the daily aggregates, so a record written twice (redelivery, a restart between the
 * database commit and the Kafka offset commit) is stored and counted once.
 */
public final class SpendStore {

    /** What one batch did. */
    public record Written(int inserted, int duplicates) {}

    // Rows are sorted by id and groups by their key, so concurrent writers lock in the same order.
    private static final String WRITE = """
            with incoming as (
                select * from unnest(
                    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                    cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]),
                    cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]),
                    cast(? as text[]), cast(? as boolean[]), cast(? as boolean[]),
                    cast(cast(? as text[]) as timestamptz[]), cast(cast(? as text[]) as timestamptz[]))
                as t(id, request_id, key_id, key_group_id, alias, provider, provider_model, endpoint, outcome,
                     prompt_tokens, completion_tokens, cached_tokens, input_micros, cached_input_micros,
                     output_micros, media_micros, total_micros, price_version, unpriced, usage_estimated,
                     occurred_at, priced_at)
            ), inserted as (
                insert into spend_records (id, request_id, key_id, key_group_id, alias, provider, provider_model,
                        endpoint, outcome, prompt_tokens, completion_tokens, cached_tokens, input_micros,
                        cached_input_micros, output_micros, media_micros, total_micros, price_version, unpriced,
                        usage_estimated, occurred_at, priced_at)
                select * from incoming order by id
                on conflict (id) do nothing
                returning occurred_at, key_id, key_group_id, alias, provider, provider_model, unpriced,
                          prompt_tokens, completion_tokens, cached_tokens, input_micros, cached_input_micros,
                          output_micros, media_micros, total_micros
            ), daily as (
                insert into spend_daily as d (day, key_id, key_group_id, alias, provider, provider_model, requests,
                        unpriced_requests, prompt_tokens, completion_tokens, cached_tokens, input_micros,
                        cached_input_micros, output_micros, media_micros, total_micros)
                select cast(occurred_at at time zone 'UTC' as date), key_id, coalesce(key_group_id, ''), alias,
                       provider, provider_model, count(*), count(*) filter (where unpriced), sum(prompt_tokens),
                       sum(completion_tokens), sum(cached_tokens), sum(input_micros), sum(cached_input_micros),
                       sum(output_micros), sum(media_micros), sum(total_micros)
                from inserted
                group by 1, 2, 3, 4, 5, 6
                order by 1, 2, 3, 4, 5, 6
                on conflict (day, key_id, key_group_id, alias, provider, provider_model) do update set
                    requests = d.requests + excluded.requests,
                    unpriced_requests = d.unpriced_requests + excluded.unpriced_requests,
                    prompt_tokens = d.prompt_tokens + excluded.prompt_tokens,
                    completion_tokens = d.completion_tokens + excluded.completion_tokens,
                    cached_tokens = d.cached_tokens + excluded.cached_tokens,
                    input_micros = d.input_micros + excluded.input_micros,
                    cached_input_micros = d.cached_input_micros + excluded.cached_input_micros,
                    output_micros = d.output_micros + excluded.output_micros,
                    media_micros = d.media_micros + excluded.media_micros,
                    total_micros = d.total_micros + excluded.total_micros,
                    updated_at = now()
                returning 1
            )
            select (select count(*) from inserted), (select count(*) from daily)""";

    private final DataSource dataSource;

    public SpendStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the records in one transaction; throws (and stores nothing) when PostgreSQL fails. */
    public Written write(Collection<SpendRecord> records) throws SQLException {
        List<SpendRecord> rows = distinctById(records);
        if (rows.isEmpty()) {
            return new Written(0, records.size());
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
                int p = 1;
                statement.setArray(p++, text(connection, rows, SpendRecord::id));
                statement.setArray(p++, text(connection, rows, SpendRecord::requestId));
                statement.setArray(p++, text(connection, rows, r -> orEmpty(r.keyId())));
                statement.setArray(p++, text(connection, rows, r -> blankToNull(r.keyGroupId())));
                statement.setArray(p++, text(connection, rows, r -> orEmpty(r.alias())));
                statement.setArray(p++, text(connection, rows, r -> orEmpty(r.provider())));
                statement.setArray(p++, text(connection, rows, r -> orEmpty(r.providerModel())));
                statement.setArray(p++, text(connection, rows, r -> orEmpty(r.endpoint())));
                statement.setArray(p++, text(connection, rows, r -> orEmpty(r.outcome())));
                statement.setArray(p++, longs(connection, rows, SpendRecord::promptTokens));
                statement.setArray(p++, longs(connection, rows, SpendRecord::completionTokens));
                statement.setArray(p++, longs(connection, rows, SpendRecord::cachedTokens));
                statement.setArray(p++, longs(connection, rows, SpendRecord::inputMicros));
                statement.setArray(p++, longs(connection, rows, SpendRecord::cachedInputMicros));
                statement.setArray(p++, longs(connection, rows, SpendRecord::outputMicros));
                statement.setArray(p++, longs(connection, rows, SpendRecord::mediaMicros));
                statement.setArray(p++, longs(connection, rows, SpendRecord::totalMicros));
                statement.setArray(p++, text(connection, rows, SpendRecord::priceVersion));
                statement.setArray(p++, booleans(connection, rows, SpendRecord::unpriced));
                statement.setArray(p++, booleans(connection, rows, SpendRecord::usageEstimated));
                statement.setArray(p++, text(connection, rows, r -> occurredAt(r).toString()));
                statement.setArray(p++, text(connection, rows, r -> r.pricedAt() == null ? null : r.pricedAt().toString()));
                int inserted;
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    inserted = result.getInt(1);
                }
                connection.commit();
                return new Written(inserted, records.size() - inserted);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The record's day is that of the call; a record without its time (never written so by the ledger) falls back to pricing time. */
    static Instant occurredAt(SpendRecord record) {
        if (record.occurredAt() != null) {
            return record.occurredAt();
        }
        return record.pricedAt() != null ? record.pricedAt() : Instant.EPOCH;
    }

    private static List<SpendRecord> distinctById(Collection<SpendRecord> records) {
        Map<String, SpendRecord> byId = new LinkedHashMap<>();
        for (SpendRecord record : records) {
            if (record != null && record.id() != null && !record.id().isBlank()) {
                byId.putIfAbsent(record.id(), record);
            }
        }
        List<SpendRecord> rows = new ArrayList<>(byId.values());
        rows.sort(Comparator.comparing(SpendRecord::id));
        return rows;
    }

    private static Array text(Connection c, List<SpendRecord> rows, Function<SpendRecord, String> field) throws SQLException {
        // PostgreSQL text cannot hold NUL characters; they carry no meaning in any of these fields
        return c.createArrayOf("text", rows.stream().map(field).map(v -> v == null ? null : v.replace("\u0000", ""))
                .toArray(String[]::new));
    }

    private static Array longs(Connection c, List<SpendRecord> rows, ToLongFunction<SpendRecord> field) throws SQLException {
        return c.createArrayOf("int8", rows.stream().map(r -> field.applyAsLong(r)).toArray(Long[]::new));
    }

    private static Array booleans(Connection c, List<SpendRecord> rows, java.util.function.Predicate<SpendRecord> field)
            throws SQLException {
        return c.createArrayOf("bool", rows.stream().map(field::test).toArray(Boolean[]::new));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
