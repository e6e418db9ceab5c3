package io.conduit.ingress.jobs;

import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.jobs.JobState;
import io.conduit.ingress.http.GatewayException;
import io.conduit.ingress.http.RequestBodyReader;
import io.conduit.media.jobs.Job;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The OpenAI media APIs served as jobs: image generations and edits, speech, transcriptions and
 * translations. Synchronous by default, as OpenAI's clients expect — the job is created, then
 * waited for, and its result answered in the API's own shape; with {@code Prefer: respond-async}
 * (and for uploads above a size, transcriptions) the answer is a 202 with the job to follow.
 */
public final class MediaHandler {

    private final JobsApi api;
    private final SpeechStream speech;

    MediaHandler(JobsApi api, SpeechStream speech) {
        this.api = api;
        this.speech = speech;
    }

    /** {@code POST /v1/images/generations}. */
    public Publisher<Void> imageGenerations(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> RequestBodyReader.read(request, api.settings.maxBodyBytes())
                .map(body -> MediaRequests.imageGeneration(MediaRequests.parseObject(body)))
                .flatMap(spec -> create(call, spec, List.of(), JobsApi.prefersAsync(request)))
                .flatMap(created -> answer(call, created, job -> images(out, job, created.spec()))));
    }

    /** {@code POST /v1/images/edits}: multipart with one or more {@code image} files and an optional {@code mask}. */
    public Publisher<Void> imageEdits(HttpServerRequest request, HttpServerResponse response) {
        return api.serve(request, response, (call, out) -> form(request).flatMap(form -> JobsApi.using(form, f -> {
                    List<UploadedForm.UploadedFile> images = f.files("image", "image[]");
                    List<UploadedForm.UploadedFile> masks = f.files("mask");
                    MediaRequests.Spec spec = MediaRequests.imageEdit(f.fieldsAsJson(), images.size(), masks.size());
                    List<JobSubmitter.Input> inputs = new ArrayList<>();
                    for (int i = 0; i < images.size(); i++) {
                        inputs.add(JobSubmitter.Input.of("image_" + i, images.get(i)));
                    }
                    masks.forEach(mask -> inputs.add(JobSubmitter.Input.of("mask", mask)));
                    return create(call, spec, inputs, JobsApi.prefersAsync(request));
                }))
                .flatMap(created -> answer(call, created, job -> images(out, job, created.spec()))));
    }

    /**
     * {@code POST /v1/audio/speech}: the provider's audio streamed back as it is spoken; with
     * {@code Prefer: respond-async}, a job (202) whose {@code audio} output follows.
     */
    public Publisher<Void> speech(HttpServerRequest request, HttpServerResponse response) {
        boolean async = JobsApi.prefersAsync(request);
        return api.serve(request, response, (call, out) -> RequestBodyReader.read(request, api.settings.maxBodyBytes())
                .map(body -> MediaRequests.speech(MediaRequests.parseObject(body)))
                .flatMap(spec -> async
                        ? create(call, spec, List.of(), true).flatMap(created -> answer(call, created, job -> result(out, job, "audio")))
                        : api.admit(call.key(), spec).then(Mono.defer(() -> speech.serve(call, spec.request(), spec.alias())))));
    }

    /** {@code POST /v1/audio/transcriptions}: answered with the transcript as the provider wrote it. */
    public Publisher<Void> transcriptions(HttpServerRequest request, HttpServerResponse response) {
        return transcribe(request, response, false);
    }

    /** {@code POST /v1/audio/translations}. */
    public Publisher<Void> translations(HttpServerRequest request, HttpServerResponse response) {
        return transcribe(request, response, true);
    }

    private Publisher<Void> transcribe(HttpServerRequest request, HttpServerResponse response, boolean translation) {
        return api.serve(request, response, (call, out) -> form(request).flatMap(form -> JobsApi.using(form, f -> {
                    List<UploadedForm.UploadedFile> files = f.files("file");
                    MediaRequests.Spec spec = MediaRequests.transcription(f.fieldsAsJson(), files.size(), translation);
                    UploadedForm.UploadedFile file = files.getFirst();
                    // a long recording would outlast a synchronous wait: it becomes a job to follow
                    boolean async = JobsApi.prefersAsync(request) || file.size() > api.settings.asyncUploadThreshold();
                    return create(call, spec, List.of(JobSubmitter.Input.of("file", file)), async);
                }))
                .flatMap(created -> answer(call, created, job -> result(out, job, "transcript"))));
    }

    private Mono<UploadedForm> form(HttpServerRequest request) {
        if (!UploadedForm.isMultipart(request.requestHeaders())) {
            return Mono.error(GatewayException.badRequest("invalid_content_type", null,
                    "This endpoint takes a multipart/form-data body."));
        }
        return UploadedForm.read(request.requestHeaders(), request.receive().asByteArray(), api.settings.maxUploadBytes(),
                api.settings.uploadDir());
    }

    /** A job just created (its uploads stored, so a form's files may go), and whether to answer at once. */
    private record Created(MediaRequests.Spec spec, Job job, boolean async) {}

    private Mono<Created> create(JobsApi.Call call, MediaRequests.Spec spec, List<JobSubmitter.Input> inputs, boolean async) {
        return api.admit(call.key(), spec)
                .then(JobsApi.blocking(() -> api.submitter.submit(spec, call.key(), call.requestId(), inputs)))
                .map(job -> new Created(spec, job, async));
    }

    /** 202 with the job at once (async); else, once the job completed, {@code result} — or the job's error. */
    private Mono<Void> answer(JobsApi.Call call, Created created, java.util.function.Function<Job, Mono<Void>> result) {
        if (created.async()) {
            return JobsApi.accepted(call.response(), created.job());
        }
        return api.waiter.awaitEnd(created.job(), api.settings.syncTimeout()).flatMap(ended -> {
            if (ended.state() == JobState.COMPLETED) {
                return result.apply(ended);
            }
            throw ended.state().terminal() ? JobErrors.ended(ended) : JobErrors.stillRunning(ended);
        });
    }

    /** The ImagesResponse: each {@code image_<n>} output as a presigned URL or inline base64, as the request asked. */
    private Mono<Void> images(HttpServerResponse response, Job job, MediaRequests.Spec spec) {
        boolean base64 = "b64_json".equals(imageFormat(spec, job));
        return JobsApi.blocking(() -> {
            List<Map<String, Object>> data = new ArrayList<>();
            for (JobOutput output : imageOutputs(job)) {
                Map<String, Object> image = new LinkedHashMap<>();
                if (base64) {
                    image.put("b64_json", Base64.getEncoder().encodeToString(ObjectDownloads.readAll(api.jobs.results(), output)));
                } else {
                    image.put("url", api.jobs.results().presign(output.objectKey(), api.settings.resultUrlTtl()));
                }
                data.add(image);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("created", job.createdAt().getEpochSecond());
            body.put("data", data);
            return body;
        }).flatMap(body -> JobsApi.json(response, 200, body));
    }

    /** The request's {@code response_format}; else base64 for the GPT image models (as OpenAI does), URLs for the rest. */
    static String imageFormat(MediaRequests.Spec spec, Job job) {
        if (spec.responseFormat() != null) {
            return spec.responseFormat();
        }
        boolean gptImage = spec.alias().startsWith("gpt-image")
                || (job.providerModel() != null && job.providerModel().startsWith("gpt-image"));
        return gptImage ? "b64_json" : "url";
    }

    /** The outputs {@code image_0}, {@code image_1}, … in order. */
    static List<JobOutput> imageOutputs(Job job) {
        return job.outputs().stream()
                .filter(o -> o.name().matches("image_\\d+"))
                .sorted(Comparator.comparingInt(o -> Integer.parseInt(o.name().substring(6))))
                .toList();
    }

    /** The named output's bytes with its content type (the first output when a provider named it otherwise). */
    private Mono<Void> result(HttpServerResponse response, Job job, String name) {
        JobOutput output = job.output(name).orElseGet(() -> JobsHandler.output(job, null));
        return ObjectDownloads.send(response, api.jobs.results(), output, null);
    }
}
