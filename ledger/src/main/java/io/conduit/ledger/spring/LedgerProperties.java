package io.conduit.ledger.spring;

import io.conduit.contracts.pricing.UnpricedPolicy;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@ConfigurationProperties("conduit.ledger")
public record LedgerProperties(
        @DefaultValue("conduit-ledger") String applicationId,
        @DefaultValue("./data/ledger") Path stateDir,
        @DefaultValue("-1") int replicationFactor,
        @DefaultValue("1") int threads,
        @DefaultValue("flag") String unpricedPolicy) {

    public LedgerProperties {
        UnpricedPolicy.parse(unpricedPolicy);
    }

    public UnpricedPolicy policy() {
        return UnpricedPolicy.parse(unpricedPolicy);
    }
}
