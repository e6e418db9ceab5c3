package io.conduit.contracts.topic;

import io.conduit.contracts.config.ConfigChange;
import io.conduit.contracts.json.JsonSerde;
import io.conduit.contracts.spend.SpendRecord;
import io.conduit.contracts.usage.UsageEvent;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** The catalog of Conduit's topics. Each topic has exactly one writer (named below). */
public final class Topics {

    /** One {@link UsageEvent} per upstream call that can cost money. Writer: ingress. Key: virtual key id. */
    public static final Topic<String, UsageEvent> USAGE = new Topic<>(
            "conduit.usage.v1",
            Serdes.String(),
            new JsonSerde<>(UsageEvent.class),
            UsageEvent::keyId,
            12,
            false,
            Duration.ofDays(30));

    /**
     * The finance stream: one {@link SpendRecord} per usage event, same id, integer micro-USD.
     * Writer: ledger (exactly-once). Key: virtual key id. Kept 400 days.
     */
    public static final Topic<String, SpendRecord> SPEND = new Topic<>(
            "conduit.spend.v1",
            Serdes.String(),
            new JsonSerde<>(SpendRecord.class),
            SpendRecord::keyId,
            12,
            false,
            Duration.ofDays(400));

    /**
     * Admin configuration changes: a notification that an entity changed, never its content (so no
     * credential travels on it). Writer: admin. Key: {@code entity/id}, compacted.
     */
    public static final Topic<String, ConfigChange> CONFIG = new Topic<>(
            "conduit.config.v1",
            Serdes.String(),
            new JsonSerde<>(ConfigChange.class),
            ConfigChange::key,
            1,
            true,
            Duration.ZERO);

    private Topics() {}

    public static List<Topic<?, ?>> all() {
        return List.of(USAGE, SPEND, CONFIG);
    }
}
