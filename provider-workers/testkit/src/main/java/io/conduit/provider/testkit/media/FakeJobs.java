package io.conduit.provider.testkit.media;

import io.conduit.provider.testkit.contract.CapturedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs of a fake media provider, advanced by steps rather than by time: a job is queued when
 * submitted, runs for {@code stepsToFinish - 1} steps (its progress the share of steps taken), and
 * finishes at step {@code stepsToFinish}, succeeded or (when told) failed. By default every poll is a
 * step; {@link #pollsAdvance(boolean) pollsAdvance(false)} leaves the stepping to {@link #advance}.
 * Every submission is logged, so a test can assert that a job was submitted exactly once.
 */
public final class FakeJobs {

    /** Where a job stands. */
    public enum Phase {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED;

        public boolean terminal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /** A failure as the provider reports it: its code and its human message. */
    public record Failure(String code, String message) {}

    /** A submission as the provider received it. */
    public record Submission(String id, CapturedRequest request) {}

    /**
     * A job as a poll sees it.
     *
     * @param id the provider's task id
     * @param phase where it stands
     * @param progress 0–1, the share of steps taken
     * @param steps steps taken so far
     * @param failure why it failed, null unless {@link Phase#FAILED}
     * @param submission the request that created it
     */
    public record Job(String id, Phase phase, double progress, int steps, Failure failure, Submission submission) {}

    private final Map<String, MutableJob> jobs = new LinkedHashMap<>();
    private final List<Submission> submissions = new ArrayList<>();
    private int stepsToFinish = 3;
    private boolean pollsAdvance = true;
    private Failure failNext;

    /** How many steps a job takes from submission to its end (at least 1). */
    public synchronized FakeJobs stepsToFinish(int steps) {
        this.stepsToFinish = Math.max(1, steps);
        return this;
    }

    /** Whether each poll advances its job by one step (the default) or only {@link #advance} does. */
    public synchronized FakeJobs pollsAdvance(boolean advance) {
        this.pollsAdvance = advance;
        return this;
    }

    /** The next job submitted fails when it would have finished, with this provider failure. */
    public synchronized FakeJobs failNext(String code, String message) {
        this.failNext = new Failure(code, message);
        return this;
    }

    /** Logs a submission and creates its job. */
    public synchronized Job submit(String id, CapturedRequest request) {
        Submission submission = new Submission(id, request);
        submissions.add(submission);
        MutableJob job = new MutableJob(submission, failNext);
        failNext = null;
        jobs.put(id, job);
        return view(job);
    }

    /** A job as a poll sees it, advanced one step first when polls advance; empty for an unknown id. */
    public synchronized Optional<Job> poll(String id) {
        MutableJob job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        if (pollsAdvance) {
            step(job, 1);
        }
        return Optional.of(view(job));
    }

    /** A job without advancing it. */
    public synchronized Optional<Job> peek(String id) {
        return Optional.ofNullable(jobs.get(id)).map(this::view);
    }

    /** Advances a job by some steps. */
    public synchronized Job advance(String id, int steps) {
        MutableJob job = require(id);
        step(job, steps);
        return view(job);
    }

    /** Runs a job to its end at once. */
    public synchronized Job finish(String id) {
        return advance(id, stepsToFinish);
    }

    /** Fails a job now with this provider failure (a job already ended is left as it is). */
    public synchronized Job fail(String id, String code, String message) {
        MutableJob job = require(id);
        if (!job.phase.terminal()) {
            job.phase = Phase.FAILED;
            job.failure = new Failure(code, message);
        }
        return view(job);
    }

    /** Cancels a job (a job already ended is left as it is); false for an unknown id. */
    public synchronized boolean cancel(String id) {
        MutableJob job = jobs.get(id);
        if (job == null) {
            return false;
        }
        if (!job.phase.terminal()) {
            job.phase = Phase.CANCELLED;
        }
        return true;
    }

    /** Forgets a job, as providers that delete cancelled or expired tasks do. */
    public synchronized void remove(String id) {
        jobs.remove(id);
    }

    /** Every submission so far, in order. */
    public synchronized List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    /** How many times a request created a job whose request body contains {@code text}. */
    public synchronized long submissionsContaining(String text) {
        return submissions.stream().filter(s -> s.request().bodyText().contains(text)).count();
    }

    private MutableJob require(String id) {
        MutableJob job = jobs.get(id);
        if (job == null) {
            throw new IllegalArgumentException("no job " + id);
        }
        return job;
    }

    private void step(MutableJob job, int steps) {
        if (job.phase.terminal()) {
            return;
        }
        job.steps = Math.min(stepsToFinish, job.steps + steps);
        if (job.steps >= stepsToFinish) {
            job.phase = job.plannedFailure == null ? Phase.SUCCEEDED : Phase.FAILED;
            job.failure = job.plannedFailure;
        } else if (job.steps > 0) {
            job.phase = Phase.RUNNING;
        }
    }

    private Job view(MutableJob job) {
        double progress = job.phase == Phase.SUCCEEDED ? 1.0 : (double) job.steps / stepsToFinish;
        return new Job(job.submission.id(), job.phase, progress, job.steps, job.failure, job.submission);
    }

    private static final class MutableJob {
        final Submission submission;
        final Failure plannedFailure;
        Phase phase = Phase.QUEUED;
        int steps;
        Failure failure;

        MutableJob(Submission submission, Failure plannedFailure) {
            this.submission = submission;
            this.plannedFailure = plannedFailure;
        }
    }
}
