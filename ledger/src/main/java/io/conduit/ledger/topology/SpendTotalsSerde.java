package io.conduit.ledger.topology;

import io.conduit.contracts.json.JsonSerde;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SpendTotals} in the totals stores and their changelogs: six longs (49 bytes with a version byte).
 * Every spend record reads and writes three totals (hour, day, month) in each of four stores, and the
 * stores keep values serialized, so this is on the ledger's hot path; JSON there cost more than pricing.
 * Values written as JSON by an older ledger are still read.
 */
final class SpendTotalsSerde implements Serde<SpendTotals> {

    private static final byte VERSION = 1;
    private static final int SIZE = 1 + 6 * Long.BYTES;
    private static final Deserializer<SpendTotals> LEGACY = new JsonSerde<>(SpendTotals.class).deserializer();

    @Override
    public Serializer<SpendTotals> serializer() {
        return (topic, totals) -> totals == null ? null : ByteBuffer.allocate(SIZE).put(VERSION)
                .putLong(totals.requests()).putLong(totals.unpricedRequests()).putLong(totals.promptTokens())
                .putLong(totals.completionTokens()).putLong(totals.cachedTokens()).putLong(totals.totalMicros())
                .array();
    }

    @Override
    public Deserializer<SpendTotals> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return LEGACY.deserialize(topic, bytes);
            }
            if (bytes.length != SIZE || bytes[0] != VERSION) {
                throw new SerializationException("Malformed spend totals" + (topic == null ? "" : " on " + topic));
            }
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, SIZE - 1);
            return new SpendTotals(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
        };
    }
}
