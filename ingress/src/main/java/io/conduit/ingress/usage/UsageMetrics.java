package io.conduit.ingress.usage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The usage spool as metrics: what waits for Kafka, what was dropped, which calls are in flight. */
public final class UsageMetrics {

    private UsageMetrics() {}

    public static void register(SpooledUsagePublisher publisher, MeterRegistry registry) {
        Gauge.builder("conduit.usage.spool.pending", publisher, SpooledUsagePublisher::pendingBytes)
                .baseUnit("bytes")
                .description("Usage events on local disk not yet acknowledged by Kafka")
                .register(registry);
        FunctionCounter.builder("conduit.usage.dropped", publisher, SpooledUsagePublisher::droppedCount)
                .description("Usage events dropped because the spool was full (each also logged as an ERROR)")
                .register(registry);
        Gauge.builder("conduit.usage.calls.open", publisher, SpooledUsagePublisher::openCalls)
                .description("Upstream calls in flight, journaled in case this instance dies")
                .register(registry);
    }
}
