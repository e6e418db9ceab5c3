package io.conduit.ledger.topology;

import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import java.time.ZoneId;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Spend → what each key and key group has spent by calendar period → {@code conduit.budget-state.v1}.
 * Only charged spend counts; each spend record reaches this once (the topology deduplicates usage
 * before pricing), and exactly-once processing keeps the stores and the topic consistent.
 *
 * <p>A key's state is kept where its spend arrives: {@code conduit.usage.v1} is keyed by virtual key
 * id (its contract), so all of a key's spend is in one partition. A group's keys are spread over the
 * partitions, so its spend is repartitioned by group id first (carrying only a {@link SpendDelta}).
 */
final class BudgetStates {

    static final String KEY_STORE = "budget-state-by-key";
    static final String GROUP_STORE = "budget-state-by-key-group";

    private BudgetStates() {}

    static void attach(KStream<String, SpendRecord> spend, ZoneId zone) {
        KStream<String, SpendRecord> charged = spend.filter((key, record) -> record.totalMicros() != 0);
        // mapValues keeps the key, the record's key id, so grouping by it needs no repartition
        publish(charged.mapValues(SpendDelta::of)
                .groupByKey(Grouped.with(Serdes.String(), SpendDelta.SERDE)), BudgetState.KEY, KEY_STORE, zone);
        publish(charged.filter((key, record) -> record.keyGroupId() != null)
                .map((key, record) -> KeyValue.pair(record.keyGroupId(), SpendDelta.of(record)))
                .groupByKey(Grouped.with("budget-by-key-group", Serdes.String(), SpendDelta.SERDE)),
                BudgetState.KEY_GROUP, GROUP_STORE, zone);
    }

    private static void publish(KGroupedStream<String, SpendDelta> spendByScopeId,
            String scope, String store, ZoneId zone) {
        spendByScopeId
                .aggregate(() -> null,
                        (scopeId, delta, state) -> (state != null ? state : BudgetState.empty(scope, scopeId, zone))
                                .plus(delta.totalMicros(), delta.occurredAt()),
                        Materialized.<String, BudgetState, KeyValueStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(Topics.BUDGET_STATE.valueSerde()))
                .toStream()
                .selectKey((scopeId, state) -> BudgetState.key(scope, scopeId))
                .to(Topics.BUDGET_STATE.name(), Produced.with(Serdes.String(), Topics.BUDGET_STATE.valueSerde()));
    }
}
