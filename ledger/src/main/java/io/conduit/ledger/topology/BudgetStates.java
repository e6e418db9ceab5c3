package io.conduit.ledger.topology;

import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Spend → what each key and key group has spent by calendar period → {@code conduit.budget-state.v1}.
 * Only charged spend counts; each spend record reaches this once (the topology deduplicates usage
 * before pricing), and exactly-once processing keeps the store and the topic consistent.
 */
final class BudgetStates {

    static final String STORE = "budget-state";

    private BudgetStates() {}

    static void attach(KStream<String, SpendRecord> spend, ZoneId zone) {
        spend.filter((key, record) -> record.totalMicros() != 0)
                .flatMap((key, record) -> scopes(record))
                .groupByKey(Grouped.with(Serdes.String(), Topics.SPEND.valueSerde()))
                .aggregate(() -> null,
                        (scopeKey, record, state) -> (state != null ? state : empty(scopeKey, zone))
                                .plus(record.totalMicros(), record.occurredAt()),
                        Materialized.<String, BudgetState, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Topics.BUDGET_STATE.valueSerde()))
                .toStream()
                .to(Topics.BUDGET_STATE.name(), Produced.with(Serdes.String(), Topics.BUDGET_STATE.valueSerde()));
    }

    private static List<KeyValue<String, SpendRecord>> scopes(SpendRecord record) {
        List<KeyValue<String, SpendRecord>> out = new ArrayList<>(2);
        out.add(KeyValue.pair(BudgetState.key(BudgetState.KEY, record.keyId()), record));
        if (record.keyGroupId() != null) {
            out.add(KeyValue.pair(BudgetState.key(BudgetState.KEY_GROUP, record.keyGroupId()), record));
        }
        return out;
    }

    private static BudgetState empty(String scopeKey, ZoneId zone) {
        int colon = scopeKey.indexOf(':');
        return BudgetState.empty(scopeKey.substring(0, colon), scopeKey.substring(colon + 1), zone);
    }
}
