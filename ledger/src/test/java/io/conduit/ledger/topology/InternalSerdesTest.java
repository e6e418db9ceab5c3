package io.conduit.ledger.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.contracts.json.JsonSerde;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The binary forms of the ledger's internal topics and stores: exact round trips, and JSON left by an older ledger still read. */
class InternalSerdesTest {

    static final SpendRecord RECORD = new SpendRecord("u-1", "req-1", "key-1", "fast", "openai", "gpt-4o-mini",
            "chat.completions", "ok", 1_000, 500, 400, 90, 30, 300, 420, "2026-07-01.0", true, false,
            Instant.parse("2026-11-23T10:00:00.123456789Z"), Instant.parse("2026-11-23T10:00:01Z"), "team-1", 0);

    @Test
    void a_spend_delta_round_trips_to_the_nanosecond() {
        SpendDelta delta = SpendDelta.of(RECORD);
        byte[] bytes = SpendDelta.SERDE.serializer().serialize("t", delta);
        assertThat(bytes).hasSizeLessThan(50);
        assertThat(SpendDelta.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(delta)
                .isEqualTo(new SpendDelta(true, 1_000, 500, 400, 420, Instant.parse("2026-11-23T10:00:00.123456789Z")));
        SpendDelta timeless = new SpendDelta(false, 1, 2, 3, Long.MAX_VALUE, null);
        assertThat(SpendDelta.SERDE.deserializer().deserialize("t", SpendDelta.SERDE.serializer().serialize("t", timeless)))
                .isEqualTo(timeless);
    }

    @Test
    void a_whole_spend_record_in_json_left_in_a_repartition_topic_reads_as_its_delta() {
        byte[] json = Topics.SPEND.valueSerde().serializer().serialize("t", RECORD);
        assertThat(SpendDelta.SERDE.deserializer().deserialize("t", json)).isEqualTo(SpendDelta.of(RECORD));
    }

    @Test
    void spend_totals_round_trip_and_json_totals_are_still_read() {
        SpendTotals totals = new SpendTotals(7, 1, 12_345, 678, 90, 9_876_543_210L);
        byte[] bytes = SpendAggregates.TOTALS_SERDE.serializer().serialize("t", totals);
        assertThat(bytes).hasSize(49);
        assertThat(SpendAggregates.TOTALS_SERDE.deserializer().deserialize("t", bytes)).isEqualTo(totals);
        byte[] json = new JsonSerde<>(SpendTotals.class).serializer().serialize("t", totals);
        assertThat(SpendAggregates.TOTALS_SERDE.deserializer().deserialize("t", json)).isEqualTo(totals);
    }

    @Test
    void malformed_bytes_are_a_serialization_error_not_a_wrong_amount() {
        assertThatThrownBy(() -> SpendDelta.SERDE.deserializer().deserialize("t", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> SpendAggregates.TOTALS_SERDE.deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class);
    }
}
