package io.conduit.ingress.jobs;

import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobOutput;
import io.conduit.ingress.http.RequestBodyReader;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobView;
import io.conduit.media.storage.ResultStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The OpenAI Videos API over jobs: {@code POST /v1/videos} (JSON, or multipart with an
 * {@code input_reference} file), {@code GET /v1/videos} (cursor pages), {@code GET /v1/videos/{id}},
 * {@code GET /v1/videos/{id}/content?variant=} and {@code DELETE /v1/videos/{id}}.
 */
public final class VideosHandler {

    private static final Set<JobKind> VIDEOS = Set.of(JobKind.VIDEO);
    private static final Set<String> VARIANTS = Set.of("video", "thumbnail", "spritesheet");

    private final JobsApi api;

    public VideosHandler(JobsApi api) {
        this.api = api;
    }

    public Publisher<Void> create(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> {
            if (UploadedForm.isMultipart(request.requestHeaders())) {
                return UploadedForm.read(request.requestHeaders(), request.receive().asByteArray(),
                                api.settings.maxUploadBytes(), api.settings.uploadDir())
                        .flatMap(form -> JobsApi.using(form, f -> createFromForm(call, f)));
            }
            return RequestBodyReader.read(request, api.settings.maxBodyBytes())
                    .map(body -> MediaRequests.video(MediaRequests.parseObject(body), false))
                    .flatMap(spec -> submit(call, spec, List.of()));
        });
    }

    private Mono<Void> createFromForm(JobsApi.Call call, UploadedForm form) {
        List<UploadedForm.UploadedFile> references = form.files("input_reference");
        if (references.size() > 1) {
            throw JobErrors.invalidValue("input_reference", "Send at most one 'input_reference' file.");
        }
        MediaRequests.Spec spec = MediaRequests.video(form.fieldsAsJson(), !references.isEmpty());
        List<JobSubmitter.Input> inputs = references.stream().map(f -> JobSubmitter.Input.of("input_reference", f)).toList();
        return submit(call, spec, inputs);
    }

    private Mono<Void> submit(JobsApi.Call call, MediaRequests.Spec spec, List<JobSubmitter.Input> inputs) {
        return api.admit(call.key(), spec)
                .then(JobsApi.blocking(() -> api.submitter.submit(spec, call.key(), call.requestId(), inputs)))
                .flatMap(job -> JobsApi.json(call.response(), 200, JobView.video(job)));
    }

    /** A page of the key's (or its group's) videos: {@code after}, {@code limit} (1 to 100, 20), {@code order} (asc|desc, desc). */
    public Publisher<Void> list(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> {
            String after = blankToNull(JobsHandler.query(request, "after"));
            int limit = limit(JobsHandler.query(request, "limit"));
            boolean ascending = ascending(JobsHandler.query(request, "order"));
            return JobsApi.blocking(() -> {
                if (after != null) {
                    // a cursor must be one of the key's videos (deleted ones too: a page may end on one)
                    boolean known = api.jobs.store().find(after)
                            .filter(job -> job.kind() == JobKind.VIDEO && job.visibleTo(call.key().id(), call.key().keyGroupId()))
                            .isPresent();
                    if (!known) {
                        throw JobErrors.invalidValue("after", "No video found with id '" + after + "' to list after.");
                    }
                }
                return api.jobs.store().list(JobKind.VIDEO, call.key().id(), call.key().keyGroupId(), after, limit + 1, ascending);
            }).flatMap(found -> JobsApi.json(out, 200, page(found, limit)));
        });
    }

    static Map<String, Object> page(List<Job> found, int limit) {
        List<Job> shown = found.size() > limit ? found.subList(0, limit) : found;
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("object", "list");
        page.put("data", shown.stream().map(JobView::video).toList());
        page.put("first_id", shown.isEmpty() ? null : shown.getFirst().id());
        page.put("last_id", shown.isEmpty() ? null : shown.getLast().id());
        page.put("has_more", found.size() > limit);
        return page;
    }

    public Publisher<Void> get(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> api.visible(call, request.param("id"), "video", VIDEOS)
                .flatMap(job -> JobsApi.json(out, 200, JobView.video(job))));
    }

    /** The video (or its thumbnail) of a completed video, streamed with its content type. */
    public Publisher<Void> content(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> {
            String variant = variant(JobsHandler.query(request, "variant"));
            return api.visible(call, request.param("id"), "video", VIDEOS).flatMap(job -> {
                JobOutput output = JobsHandler.output(job, variant);
                return ObjectDownloads.send(out, api.jobs.results(), output, null);
            });
        });
    }

    /** Deletes a video: stops it first when it has not ended, then hides it and removes its inputs and results. */
    public Publisher<Void> delete(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> api.visible(call, request.param("id"), "video", VIDEOS)
                .flatMap(job -> JobsApi.blocking(() -> {
                    if (!job.state().terminal()) {
                        api.cancel(job);
                    }
                    api.jobs.store().markDeleted(job.id());
                    api.jobs.results().deletePrefix(ResultStore.resultKey(job.id(), ""));
                    api.jobs.results().deletePrefix(ResultStore.inputKey(job.id(), ""));
                    return job;
                }))
                .flatMap(job -> {
                    Map<String, Object> deleted = new LinkedHashMap<>();
                    deleted.put("id", job.id());
                    deleted.put("object", "video.deleted");
                    deleted.put("deleted", true);
                    return JobsApi.json(out, 200, deleted);
                }));
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw JobErrors.invalidValue("limit", "Invalid value for 'limit': expected an integer from 1 to 100.");
    }

    static boolean ascending(String value) {
        if (value == null || value.isBlank() || value.strip().equals("desc")) {
            return false;
        }
        if (value.strip().equals("asc")) {
            return true;
        }
        throw JobErrors.invalidValue("order", "Invalid value for 'order': expected 'asc' or 'desc'.");
    }

    static String variant(String value) {
        if (value == null || value.isBlank()) {
            return "video";
        }
        if (!VARIANTS.contains(value.strip())) {
            throw JobErrors.invalidValue("variant", "Invalid value for 'variant': expected 'video', 'thumbnail' or 'spritesheet'.");
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
