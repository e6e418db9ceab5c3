package io.conduit.ingress.budget;

import io.conduit.contracts.usage.UsageEvent;
import io.conduit.ingress.usage.UsageSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request let in under its budgets: money is held for its worst case until it ends, then
 * settled to what its calls actually cost. Its usage events pass through here on their way to
 * Kafka, so the cost is known at once, without waiting for the ledger.
 */
public final class Admission implements UsageSink {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    private final String reservationId;
    private final List<Limit> limits;
    private final ReservationStore store;
    private final CallPricer pricer;
    private final UsageSink next;
    private final AtomicLong cost = new AtomicLong();
    private final AtomicBoolean settled = new AtomicBoolean();

    Admission(String reservationId, List<Limit> limits, ReservationStore store, CallPricer pricer, UsageSink next) {
        this.reservationId = reservationId;
        this.limits = limits;
        this.store = store;
        this.pricer = pricer;
        this.next = next;
    }

    @Override
    public void publish(UsageEvent event) {
        next.publish(event);
        long micros = pricer.micros(event);
        if (settled.get()) {
            // a call that ended after its request (rare): count it on its own
            post(store.settle(reservationId + ":late:" + event.id(), limits, micros));
        } else {
            cost.addAndGet(micros);
        }
    }

    @Override
    public void begin(UsageEvent provisional) {
        next.begin(provisional);
    }

    /** Ends the reservation with the cost of every call so far; later calls settle by themselves. */
    public void settle() {
        if (settled.compareAndSet(false, true)) {
            post(store.settle(reservationId, limits, cost.get()));
        }
    }

    private void post(reactor.core.publisher.Mono<Void> settlement) {
        settlement.subscribe(null, e -> log.warn("Settling budget reservation {} failed ({}); it expires by itself",
                reservationId, e.toString()));
    }
}
