package io.conduit.ingress.usage;

import io.conduit.contracts.usage.UsageEvent;

/** Where ingress hands usage events. Must never block the caller (it runs on the event loop). */
@FunctionalInterface
public interface UsageSink {

    void publish(UsageEvent event);
}
