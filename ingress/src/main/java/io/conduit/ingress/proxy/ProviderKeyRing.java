package io.conduit.ingress.proxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rotation over a provider's API keys: each request starts at the next key, and a key the
 * provider rate-limited rests for its {@code Retry-After} (keys at rest go last).
 */
public final class ProviderKeyRing {

    /** How long a rate-limited key rests when the provider gave no Retry-After. */
    static final Duration DEFAULT_REST = Duration.ofSeconds(1);

    private final Clock clock;
    private final Map<String, AtomicLong> next = new ConcurrentHashMap<>();
    private final Map<String, Instant> restingUntil = new ConcurrentHashMap<>();

    public ProviderKeyRing(Clock clock) {
        this.clock = clock;
    }

    /** The order to try the provider's keys in for one request. */
    List<Integer> order(String providerId, int keyCount) {
        if (keyCount <= 1) {
            return List.of(0);
        }
        int start = (int) Math.floorMod(next.computeIfAbsent(providerId, id -> new AtomicLong()).getAndIncrement(), keyCount);
        Instant now = clock.instant();
        List<Integer> ready = new ArrayList<>(keyCount);
        List<Integer> resting = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            int index = (start + i) % keyCount;
            Instant until = restingUntil.get(providerId + "#" + index);
            (until != null && now.isBefore(until) ? resting : ready).add(index);
        }
        ready.addAll(resting);
        return ready;
    }

    void rest(String providerId, int keyIndex, Duration duration) {
        restingUntil.put(providerId + "#" + keyIndex, clock.instant().plus(duration == null ? DEFAULT_REST : duration));
    }
}
