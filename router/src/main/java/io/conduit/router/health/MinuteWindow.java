package io.conduit.router.health;

import java.time.Clock;

/** A count over the last 60 seconds, in one-second buckets. Thread-safe. */
final class MinuteWindow {

    private final Clock clock;
    private final long[] buckets = new long[60];
    private final long[] bucketSecond = new long[60];

    MinuteWindow(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(long amount) {
        long second = clock.millis() / 1000;
        int i = (int) (second % 60);
        if (bucketSecond[i] != second) {
            bucketSecond[i] = second;
            buckets[i] = 0;
        }
        buckets[i] += amount;
    }

    synchronized long sum() {
        long now = clock.millis() / 1000;
        long total = 0;
        for (int i = 0; i < 60; i++) {
            if (now - bucketSecond[i] < 60) {
                total += buckets[i];
            }
        }
        return total;
    }
}
