package io.conduit.ledger.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.contracts.pricing.UnpricedPolicy;
import io.conduit.contracts.spend.SpendRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnpricedMetricsTest {

    static SpendRecord spend(String model, boolean unpriced) {
        return new SpendRecord("id", "req", "key", "alias", "openai", model, "chat.completions", "ok", 10, 1, 0, 0, 0, 0,
                0, "v", unpriced, false, Instant.EPOCH, Instant.EPOCH, null, 0);
    }

    @Test
    void counts_unpriced_calls_per_model_as_conduit_ledger_unpriced_total() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UnpricedMetrics metrics = new UnpricedMetrics(registry);

        metrics.accept(spend("mystery", true));
        metrics.accept(spend("mystery", true));
        metrics.accept(spend("gpt-4o-mini", false));

        assertThat(registry.get("conduit.ledger.unpriced").tag("model", "mystery").counter().count()).isEqualTo(2);
        assertThat(registry.find("conduit.ledger.unpriced").tag("model", "gpt-4o-mini").counter()).isNull();
    }

    @Test
    void the_unpriced_policy_is_flag_or_reject() {
        assertThat(new LedgerProperties("a", Path.of("."), 1, 1, "flag").policy()).isEqualTo(UnpricedPolicy.FLAG);
        assertThat(new LedgerProperties("a", Path.of("."), 1, 1, "Reject").policy()).isEqualTo(UnpricedPolicy.REJECT);
        assertThatThrownBy(() -> new LedgerProperties("a", Path.of("."), 1, 1, "free"))
                .hasMessageContaining("CONDUIT_LEDGER_UNPRICED_POLICY");
    }
}
