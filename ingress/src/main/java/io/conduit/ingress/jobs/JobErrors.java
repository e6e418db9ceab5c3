package io.conduit.ingress.jobs;

import io.conduit.ingress.http.GatewayException;
import io.conduit.media.jobs.Job;
import java.util.Map;
import java.util.Set;

/** The errors of the job API, in the OpenAI envelope. */
final class JobErrors {

    /** Job error codes that mean the request itself was refused (a 400), not that the provider failed. */
    private static final Set<String> CLIENT_CODES = Set.of("content_policy_violation", "content_filter", "moderation_blocked",
            "invalid_request", "invalid_request_error", "invalid_prompt", "invalid_value", "invalid_image",
            "invalid_image_format", "invalid_file_format", "unsupported_value", "bad_request", "safety_violation");

    private JobErrors() {}

    /** No such job, a deleted one, or one the key may not see: one answer for all three. */
    static GatewayException notFound(String what, String id) {
        return new GatewayException(404, "invalid_request_error", "not_found", "id",
                "No " + what + " found with id '" + id + "'.", Map.of());
    }

    static GatewayException invalidValue(String param, String message) {
        return GatewayException.badRequest("invalid_value", param, message);
    }

    static GatewayException missing(String param) {
        return GatewayException.badRequest("missing_required_parameter", param, "Missing required parameter: '" + param + "'.");
    }

    static GatewayException invalidType(String param, String expected) {
        return GatewayException.badRequest("invalid_type", param, "Invalid type for '" + param + "': expected " + expected + ".");
    }

    static GatewayException notCancellable(Job job) {
        return new GatewayException(409, "invalid_request_error", "job_not_cancellable", "id",
                "The job '" + job.id() + "' has already " + job.state().id() + "; it can no longer be cancelled.", Map.of());
    }

    static GatewayException noContent(String id, String what) {
        return new GatewayException(404, "invalid_request_error", "not_found", null, what + " of '" + id + "'.", Map.of());
    }

    /** Kafka (or the job store) could not take the job: nothing was left queued. */
    static GatewayException unavailable(String message) {
        return new GatewayException(503, "api_error", "unavailable", null, message, Map.of("retry-after", "5"));
    }

    /** A synchronous request whose job failed or was cancelled, with the job's own code and reason. */
    static GatewayException ended(Job job) {
        String code = job.errorCode() != null ? job.errorCode() : job.state().id();
        String message = job.errorMessage() != null ? job.errorMessage() : "The job " + job.state().id() + ".";
        return switch (job.state()) {
            case CANCELLED -> new GatewayException(409, "invalid_request_error", code, null, message, Map.of());
            default -> CLIENT_CODES.contains(code)
                    ? new GatewayException(400, "invalid_request_error", code, null, message, Map.of())
                    : new GatewayException(502, "api_error", code, null, message, Map.of());
        };
    }

    /** A synchronous request whose job outlived the wait: the job goes on, and can be followed. */
    static GatewayException stillRunning(Job job) {
        return new GatewayException(504, "api_error", "timeout", null, "The job '" + job.id() + "' is still "
                + job.state().id() + " after the synchronous wait; it continues: follow it at /v1/jobs/" + job.id()
                + " (or send 'Prefer: respond-async' to get the job at once).", Map.of("location", "/v1/jobs/" + job.id()));
    }
}
