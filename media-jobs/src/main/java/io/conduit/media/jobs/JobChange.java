package io.conduit.media.jobs;

import io.conduit.contracts.jobs.JobState;
import java.time.Instant;

/** One entry of a job's history: its state and progress after its {@code version}-th change. */
public record JobChange(int version, JobState state, Integer progress, Instant at) {}
