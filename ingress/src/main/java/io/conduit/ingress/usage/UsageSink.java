package io.conduit.ingress.usage;

import io.conduit.contracts.usage.UsageEvent;

/** Where ingress hands usage events. Must never block the caller (it runs on the event loop). */
@FunctionalInterface
public interface UsageSink {

    void publish(UsageEvent event);

    /**
     * A call is about to be made: {@code provisional} is the event to record if this instance dies
     * before the call's own event is safely stored (same id). Must not block.
     */
    default void begin(UsageEvent provisional) {}
}
