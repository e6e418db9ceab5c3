package io.conduit.provider.worker;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The offsets of one partition taken but not yet finished. The offset to commit is the lowest
 * unfinished one (or one past the highest finished when none is left): a request is committed only
 * when it and every request before it in its partition have ended.
 */
final class InFlight {

    private final TreeMap<Long, Boolean> offsets = new TreeMap<>();
    private long next = -1;

    synchronized void taken(long offset) {
        offsets.put(offset, false);
        next = Math.max(next, offset + 1);
    }

    synchronized void finished(long offset) {
        offsets.computeIfPresent(offset, (o, done) -> true);
    }

    /** The offset to commit now, empty when nothing new can be committed. */
    synchronized OptionalLong committable() {
        while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
            offsets.pollFirstEntry();
        }
        if (next < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(offsets.isEmpty() ? next : offsets.firstKey());
    }

    synchronized int running() {
        return (int) offsets.values().stream().filter(done -> !done).count();
    }

    static int running(Map<?, InFlight> partitions) {
        return partitions.values().stream().mapToInt(InFlight::running).sum();
    }
}
