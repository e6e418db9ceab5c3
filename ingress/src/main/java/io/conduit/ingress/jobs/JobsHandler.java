package io.conduit.ingress.jobs;

import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.jobs.JobState;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobView;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The generic job endpoints, for jobs of every kind: {@code GET /v1/jobs/{id}} (with
 * {@code ?wait=N} long-polling), {@code GET /v1/jobs/{id}/events} (server-sent events),
 * {@code POST /v1/jobs/{id}/cancel} and {@code GET /v1/jobs/{id}/content?output=<name>}.
 */
public final class JobsHandler {

    private final JobsApi api;
    private final JobEventStream events;

    public JobsHandler(JobsApi api) {
        this.api = api;
        this.events = new JobEventStream(api.jobs.store(), api.waiter, api.settings.heartbeat());
    }

    /** The job object; with {@code ?wait=N} (0 to 60 s) answered as soon as the job ends, or after N s as it stands. */
    public Publisher<Void> get(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> {
            int wait = waitSeconds(query(request, "wait"));
            return api.visible(call, request.param("id"), "job")
                    .flatMap(job -> api.waiter.awaitEnd(job, Duration.ofSeconds(wait)))
                    .flatMap(job -> JobsApi.json(out, 200, JobView.of(job)));
        });
    }

    public Publisher<Void> cancel(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> api.visible(call, request.param("id"), "job")
                .flatMap(job -> JobsApi.blocking(() -> api.cancel(job)))
                .flatMap(job -> JobsApi.json(out, 200, JobView.of(job))));
    }

    /** One stored output of a completed job, streamed with its content type. */
    public Publisher<Void> content(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> {
            String name = query(request, "output");
            return api.visible(call, request.param("id"), "job")
                    .flatMap(job -> ObjectDownloads.send(out, api.jobs.results(), output(job, name), null));
        });
    }

    /** The job's events as server-sent events, from after the client's {@code Last-Event-ID}. */
    public Publisher<Void> events(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> {
            int lastEventId = SseFrames.lastEventId(request.requestHeaders().get("last-event-id"));
            return api.visible(call, request.param("id"), "job").flatMap(job -> {
                out.status(200)
                        .header("content-type", "text/event-stream; charset=utf-8")
                        .header("cache-control", "no-cache")
                        .header("x-accel-buffering", "no");
                return out.send(events.frames(job.id(), lastEventId)
                        .map(frame -> Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8))), frame -> true).then();
            });
        });
    }

    /** The named output of a completed job (its only or first one when no name is given), or a 404. */
    static JobOutput output(Job job, String name) {
        if (job.state() != JobState.COMPLETED) {
            throw JobErrors.noContent(job.id(), "The job is " + job.state().id() + ": there is no content");
        }
        List<JobOutput> outputs = job.outputs();
        if (name == null || name.isBlank()) {
            if (outputs.isEmpty()) {
                throw JobErrors.noContent(job.id(), "There is no content");
            }
            return outputs.getFirst();
        }
        return job.output(name).orElseThrow(() -> JobErrors.noContent(job.id(), "There is no output '" + name + "'"));
    }

    static int waitSeconds(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds >= 0 && seconds <= JobsApiSettings.MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw JobErrors.invalidValue("wait", "Invalid value for 'wait': expected whole seconds from 0 to "
                + JobsApiSettings.MAX_WAIT_SECONDS + ".");
    }

    /** The first value of a query parameter, or null. */
    static String query(HttpServerRequest request, String name) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

}
