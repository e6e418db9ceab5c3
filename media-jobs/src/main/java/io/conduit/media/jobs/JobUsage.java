package io.conduit.media.jobs;

import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.usage.Outcome;
import io.conduit.contracts.usage.UsageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The one usage event of an ended job, for the ledger to price: a completed job with the units it
 * made, a failed or cancelled one at zero (recorded, not charged). Its id is derived from the job
 * id, so emitting it again (a replayed event) is deduplicated by the ledger.
 */
public final class JobUsage {

    private JobUsage() {}

    public static String usageId(String jobId) {
        return UUID.nameUUIDFromBytes(("conduit-job-usage:" + jobId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The job's usage event, when the job has ended by this very event (not when another event ended it). */
    public static Optional<UsageEvent> of(Job job, JobEvent event) {
        if (!job.state().terminal() || event.type().state() != job.state()) {
            return Optional.empty();
        }
        boolean completed = event.type() == JobEvent.Type.COMPLETED;
        Outcome outcome = switch (event.type()) {
            case COMPLETED -> Outcome.OK;
            case CANCELLED -> Outcome.CLIENT_ABORTED;
            default -> Outcome.UPSTREAM_ERROR;
        };
        long latency = job.completedAt() == null ? 0 : Math.max(0, Duration.between(job.createdAt(), job.completedAt()).toMillis());
        return Optional.of(new UsageEvent(usageId(job.id()), job.requestId(), job.keyId(), job.alias(),
                job.provider() != null ? job.provider() : "none", job.providerModel() != null ? job.providerModel() : job.alias(),
                job.kind().endpoint(), completed ? event.promptTokens() : 0, completed ? event.completionTokens() : 0, 0, 0,
                false, completed ? 200 : 0, outcome, false, latency, null, job.createdAt(),
                job.completedAt() != null ? job.completedAt() : job.updatedAt(), job.keyGroupId(),
                completed ? job.media() : null));
    }
}
