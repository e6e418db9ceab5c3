package io.conduit.provider.worker;

/**
 * How a running job is handed to another worker when its partition moves (a worker joins or
 * leaves): the job stops at its next safe point — at once while it waits or polls, but only after a
 * provider submission has finished and been recorded, so a rebalance never leaves a submission
 * whose outcome nobody knows.
 */
final class Handover {

    private boolean requested;
    private boolean critical;
    private Thread thread;

    synchronized void bind(Thread running) {
        this.thread = running;
        if (requested && !critical) {
            running.interrupt();
        }
    }

    /** Asks the job to stop; interrupts it now unless it is inside a submission. */
    synchronized void request() {
        requested = true;
        if (!critical && thread != null) {
            thread.interrupt();
        }
    }

    /** Enters a submission; throws when a handover was asked for already. */
    synchronized void enterCritical() {
        if (requested) {
            throw new ProviderHttp.JobInterrupted();
        }
        critical = true;
    }

    /** Leaves a submission (its outcome recorded). */
    synchronized void leaveCritical() {
        critical = false;
    }

    /** A safe point: throws when a handover was asked for. */
    synchronized void checkpoint() {
        if (requested) {
            throw new ProviderHttp.JobInterrupted();
        }
    }

    synchronized boolean requested() {
        return requested;
    }
}
