package io.conduit.ingress.budget;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Holds money aside for calls in flight, atomically across every limit a call falls under, and
 * across instances when shared. A limit's use is the larger of what the ledger posted and what
 * ingress instances settled (the ledger lags by a moment), plus the reservations in flight; a
 * reservation fits when that use plus its amount stays within the cap. Reservations expire after
 * their hold, so a dead instance's reservations free themselves.
 */
public interface ReservationStore extends AutoCloseable {

    /**
     * Reserves {@code micros} under every limit, or under none.
     *
     * @return -1 when reserved, else the index of the first limit it does not fit in
     */
    Mono<Integer> reserve(String reservationId, List<Limit> limits, long micros, Duration hold);

    /** Ends a reservation: its amount is released and the call's actual cost is counted as spent. */
    Mono<Void> settle(String reservationId, List<Limit> limits, long actualMicros);

    @Override
    default void close() {}
}
