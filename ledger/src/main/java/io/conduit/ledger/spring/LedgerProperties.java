package io.conduit.ledger.spring;

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
 */
@ConfigurationProperties("conduit.ledger")
public record LedgerProperties(
        @DefaultValue("conduit-ledger") String applicationId,
        @DefaultValue("./data/ledger") Path stateDir,
        @DefaultValue("-1") int replicationFactor,
        @DefaultValue("1") int threads) {}
