package io.conduit.router;

import io.conduit.router.health.StatsSnapshot;

/** A deployment as a strategy sees it: its configuration and its health right now. */
public record Candidate(Deployment deployment, StatsSnapshot stats) {

    /** Requests per minute left before the deployment's limit, as a share of it (1 when unlimited). */
    public double requestHeadroom() {
        Integer limit = deployment.rpmLimit();
        return limit == null ? 1.0 : Math.max(0, limit - stats.requestsLastMinute()) / (double) limit;
    }

    /** Tokens per minute left before the deployment's limit, as a share of it (1 when unlimited). */
    public double tokenHeadroom() {
        Integer limit = deployment.tpmLimit();
        return limit == null ? 1.0 : Math.max(0, limit - stats.tokensLastMinute()) / (double) limit;
    }

    /** At its RPM or TPM limit, or with as many calls in flight as its bulkhead allows. */
    public boolean atCapacity() {
        Integer bulkhead = deployment.maxConcurrent();
        return requestHeadroom() <= 0 || tokenHeadroom() <= 0 || (bulkhead != null && stats.inFlight() >= bulkhead);
    }
}
