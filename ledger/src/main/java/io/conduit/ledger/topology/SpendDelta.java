package io.conduit.ledger.topology;

import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one spend record adds to totals and budget state: all that the ledger's repartition topics carry,
 * instead of the whole record. Those topics are internal to the ledger; a compact binary form (46 bytes
 * instead of ~650 of JSON) takes the JSON writing and parsing of every repartitioned copy off the ledger's
 * one hot thread.
 *
 * @param occurredAt when the call finished, null when the record has no time
 */
record SpendDelta(boolean unpriced, long promptTokens, long completionTokens, long cachedTokens, long totalMicros,
        Instant occurredAt) {

    private static final byte VERSION = 1;
    private static final int SIZE = 1 + 1 + 5 * Long.BYTES + Integer.BYTES;
    private static final byte UNPRICED = 1;
    private static final byte HAS_TIME = 2;

    static final Serde<SpendDelta> SERDE = Serdes.serdeFrom(serializer(), deserializer());

    static SpendDelta of(SpendRecord record) {
        return new SpendDelta(record.unpriced(), record.promptTokens(), record.completionTokens(), record.cachedTokens(),
                record.totalMicros(), record.occurredAt());
    }

    private static Serializer<SpendDelta> serializer() {
        return (topic, delta) -> {
            if (delta == null) {
                return null;
            }
            ByteBuffer out = ByteBuffer.allocate(SIZE);
            out.put(VERSION);
            out.put((byte) ((delta.unpriced ? UNPRICED : 0) | (delta.occurredAt != null ? HAS_TIME : 0)));
            out.putLong(delta.promptTokens).putLong(delta.completionTokens).putLong(delta.cachedTokens).putLong(delta.totalMicros);
            out.putLong(delta.occurredAt != null ? delta.occurredAt.getEpochSecond() : 0);
            out.putInt(delta.occurredAt != null ? delta.occurredAt.getNano() : 0);
            return out.array();
        };
    }

    private static Deserializer<SpendDelta> deserializer() {
        Deserializer<SpendRecord> legacy = Topics.SPEND.valueSerde().deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                // a whole spend record in JSON, as repartition topics held before this form: left there by an older ledger
                SpendRecord record = legacy.deserialize(topic, bytes);
                return record == null ? null : of(record);
            }
            if (bytes.length != SIZE || bytes[0] != VERSION) {
                throw new SerializationException("Malformed spend delta on " + topic + " (" + bytes.length + " bytes)");
            }
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, SIZE - 1);
            byte flags = in.get();
            long prompt = in.getLong();
            long completion = in.getLong();
            long cached = in.getLong();
            long total = in.getLong();
            long seconds = in.getLong();
            int nanos = in.getInt();
            return new SpendDelta((flags & UNPRICED) != 0, prompt, completion, cached, total,
                    (flags & HAS_TIME) != 0 ? Instant.ofEpochSecond(seconds, nanos) : null);
        };
    }
}
