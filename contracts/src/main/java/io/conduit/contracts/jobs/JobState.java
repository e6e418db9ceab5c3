package io.conduit.contracts.jobs;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a job stands. States only move forward ({@link #rank()}), and a job reaches exactly one
 * terminal state; {@code completed} only once its result is in object storage.
 */
public enum JobState {
    QUEUED(0),
    IN_PROGRESS(1),
    COMPLETED(2),
    FAILED(2),
    CANCELLED(2);

    private final int rank;

    JobState(int rank) {
        this.rank = rank;
    }

    /** The state as the API writes it, e.g. {@code in_progress}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return rank == 2;
    }

    /** Order of states: a job may move only to a state of a higher rank. */
    public int rank() {
        return rank;
    }

    public static JobState of(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown job state " + id));
    }
}
