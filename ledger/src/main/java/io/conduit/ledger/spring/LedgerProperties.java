package io.conduit.ledger.spring;

import io.conduit.contracts.pricing.UnpricedPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ledger role ({@code conduit.ledger.*}).
 *
 * @param applicationId Kafka Streams application id: every ledger instance with the same id shares the work
 * @param stateDir local state (RocksDB), rebuilt from changelogs when lost
 * @param replicationFactor of the ledger's internal topics; -1 for the broker default
 * @param threads stream threads per instance
 * @param unpricedPolicy {@code flag} (serve, record at zero flagged {@code unpriced}) or {@code reject}
 *     (ingress also refuses such models); {@code CONDUIT_LEDGER_UNPRICED_POLICY}
 * @param commitInterval how often the stream commits its transaction ({@code CONDUIT_LEDGER_COMMIT_INTERVAL}): spend
 *     becomes visible to {@code read_committed} readers (and budget state to ingress) at most this much later; a
 *     longer interval means fewer, larger transactions
 * @param instanceId this instance's static member id in the application's consumer group
 *     ({@code CONDUIT_LEDGER_INSTANCE_ID}); blank: one generated on first start and kept in the state directory,
 *     so the instance rejoins at once after a restart or crash instead of waiting for the group to drop its
 *     previous member
 */
@ConfigurationProperties("conduit.ledger")
public record LedgerProperties(
        @DefaultValue("conduit-ledger") String applicationId,
        @DefaultValue("./data/ledger") Path stateDir,
        @DefaultValue("-1") int replicationFactor,
        @DefaultValue("1") int threads,
        @DefaultValue("flag") String unpricedPolicy,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("") String instanceId) {

    @ConstructorBinding
    public LedgerProperties {
        UnpricedPolicy.parse(unpricedPolicy);
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("conduit.ledger.commit-interval must be positive");
        }
    }

    /** The defaults of the other settings. */
    public LedgerProperties(String applicationId, Path stateDir, int replicationFactor, int threads, String unpricedPolicy) {
        this(applicationId, stateDir, replicationFactor, threads, unpricedPolicy, Duration.ofMillis(100), "");
    }

    public UnpricedPolicy policy() {
        return UnpricedPolicy.parse(unpricedPolicy);
    }
}
