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
                .groupByKey(Grouped.with(Serdes.String(), SpendDelta.SERDE))
                .aggregate(() -> null,
                        (scopeKey, delta, state) -> (state != null ? state : empty(scopeKey, zone))
                                .plus(delta.totalMicros(), delta.occurredAt()),
                        Materialized.<String, BudgetState, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Topics.BUDGET_STATE.valueSerde()))
                .toStream()
                .to(Topics.BUDGET_STATE.name(), Produced.with(Serdes.String(), Topics.BUDGET_STATE.valueSerde()));
    }

    /** The scopes a record is charged to, each with what it adds (the repartition carries only that). */
    private static List<KeyValue<String, SpendDelta>> scopes(SpendRecord record) {
        SpendDelta delta = SpendDelta.of(record);
        List<KeyValue<String, SpendDelta>> out = new ArrayList<>(2);
        out.add(KeyValue.pair(BudgetState.key(BudgetState.KEY, record.keyId()), delta));
        if (record.keyGroupId() != null) {
            out.add(KeyValue.pair(BudgetState.key(BudgetState.KEY_GROUP, record.keyGroupId()), delta));
        }
        return out;
    }

    private static BudgetState empty(String scopeKey, ZoneId zone) {
        int colon = scopeKey.indexOf(':');
        return BudgetState.empty(scopeKey.substring(0, colon), scopeKey.substring(colon + 1), zone);
    }
}
