package io.conduit.admin.budgets;

import io.conduit.admin.changes.ConfigChangePublisher;
import io.conduit.contracts.config.ConfigEntity;
import io.conduit.contracts.money.Micros;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Prepaid key group balances: an append-only transaction history in PostgreSQL. */
public class BalanceStore {

    private final JdbcClient jdbc;
    private final KeyGroupStore groups;
    private final ConfigChangePublisher changes;

    public BalanceStore(JdbcClient jdbc, KeyGroupStore groups, ConfigChangePublisher changes) {
        this.jdbc = jdbc;
        this.groups = groups;
        this.changes = changes;
    }

    public TransactionView topUp(String group, TransactionRequest request) {
        return add(group, "top_up", Amounts.micros(request.amountUsd(), request.amountMicros(), "amount", true), request.note());
    }

    public TransactionView adjust(String group, TransactionRequest request) {
        return add(group, "adjustment", Amounts.micros(request.amountUsd(), request.amountMicros(), "amount", false),
                request.note());
    }

    public List<TransactionView> transactions(String group) {
        UUID id = UUID.fromString(groups.get(group).id());
        return jdbc.sql("""
                select id, key_group_id, kind, amount_micros, note, created_at from balance_transactions
                where key_group_id = ? order by created_at desc, id""").param(id).query(BalanceStore::view).list();
    }

    public BalanceView balance(String group) {
        UUID id = UUID.fromString(groups.get(group).id());
        long credited = jdbc.sql("select coalesce(sum(amount_micros), 0) from balance_transactions where key_group_id = ?")
                .param(id).query(Long.class).single();
        long spent = jdbc.sql("select coalesce(sum(total_micros), 0) from spend_daily where key_group_id = ?")
                .param(id.toString()).query(Long.class).single();
        return new BalanceView(id.toString(), credited, spent, credited - spent, Micros.usdString(credited - spent));
    }

    private TransactionView add(String group, String kind, long micros, String note) {
        UUID groupId = UUID.fromString(groups.get(group).id());
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into balance_transactions (id, key_group_id, kind, amount_micros, note) values (?, ?, ?, ?, ?)")
                .params(id, groupId, kind, micros, note)
                .update();
        changes.upserted(ConfigEntity.BALANCE, groupId.toString());
        return jdbc.sql("select id, key_group_id, kind, amount_micros, note, created_at from balance_transactions where id = ?")
                .param(id).query(BalanceStore::view).single();
    }

    private static TransactionView view(ResultSet rs, int row) throws SQLException {
        long amount = rs.getLong("amount_micros");
        return new TransactionView(rs.getString("id"), rs.getString("key_group_id"), rs.getString("kind"), amount,
                Micros.usdString(amount), rs.getString("note"), rs.getTimestamp("created_at").toInstant());
    }
}
