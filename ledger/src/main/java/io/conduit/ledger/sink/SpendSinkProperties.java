package io.conduit.ledger.sink;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ledger's PostgreSQL sink ({@code conduit.ledger.sink.*}, e.g. {@code CONDUIT_LEDGER_SINK_ENABLED}).
 *
 * @param enabled run the sink with the ledger role
 * @param groupId consumer group: every sink instance with the same group shares the partitions of {@code conduit.spend.v1}
 * @param maxBatch most records written in one PostgreSQL transaction
 * @param pollTimeout longest wait for records before polling again
 * @param minBackoff first wait after PostgreSQL failed a batch; doubled on each failure
 * @param maxBackoff longest wait between attempts while PostgreSQL is down
 */
@ConfigurationProperties("conduit.ledger.sink")
public record SpendSinkProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("conduit-ledger-sink") String groupId,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("500ms") Duration pollTimeout,
        @DefaultValue("200ms") Duration minBackoff,
        @DefaultValue("30s") Duration maxBackoff) {

    public SpendSinkProperties {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("conduit.ledger.sink.group-id must not be blank");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("conduit.ledger.sink.max-batch must be at least 1");
        }
        if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("conduit.ledger.sink.min-backoff must be >= 0 and <= max-backoff");
        }
    }

    /** The defaults. */
    public static SpendSinkProperties defaults() {
        return new SpendSinkProperties(true, "conduit-ledger-sink", 500, Duration.ofMillis(500), Duration.ofMillis(200),
                Duration.ofSeconds(30));
    }

    public SpendSinkProperties withGroupId(String group) {
        return new SpendSinkProperties(enabled, group, maxBatch, pollTimeout, minBackoff, maxBackoff);
    }

    public SpendSinkProperties withBackoff(Duration min, Duration max) {
        return new SpendSinkProperties(enabled, groupId, maxBatch, pollTimeout, min, max);
    }

    public SpendSinkProperties withMaxBatch(int batch) {
        return new SpendSinkProperties(enabled, groupId, batch, pollTimeout, minBackoff, maxBackoff);
    }
}
