package io.conduit.ingress.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With Kafka unreachable, the spool's metrics show what waits on disk and which calls are in flight. */
class UsageMetricsTest {

    @TempDir
    Path dir;

    static UsageEvent event(String id, Outcome outcome) {
        Instant now = Instant.now();
        return new UsageEvent(id, "req", "key", "alias", "provider", "model", "chat.completions", 10, 5, 0, 0, false, 200,
                outcome, false, 5, 1L, now, now);
    }

    @Test
    void pending_bytes_and_open_calls_are_measured() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SpooledUsagePublisher publisher = new SpooledUsagePublisher("127.0.0.1:1", new UsageSpool(dir, 1 << 20),
                new CallJournal(dir), 100, Duration.ofSeconds(1))) {
            UsageMetrics.register(publisher, registry);

            publisher.begin(event("a", Outcome.GATEWAY_INTERRUPTED));
            publisher.begin(event("b", Outcome.GATEWAY_INTERRUPTED));
            assertThat(registry.get("conduit.usage.calls.open").gauge().value()).isEqualTo(2);

            publisher.publish(event("a", Outcome.OK));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    registry.get("conduit.usage.spool.pending").gauge().value() > 0
                            && registry.get("conduit.usage.calls.open").gauge().value() == 1);
            assertThat(registry.get("conduit.usage.dropped").functionCounter().count()).isZero();
        }
    }
}
