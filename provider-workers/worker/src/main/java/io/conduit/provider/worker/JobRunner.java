package io.conduit.provider.worker;

import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.json.Json;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.storage.ResultStore;
import io.conduit.provider.spi.FormPart;
import io.conduit.provider.spi.ImageGeneration;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.MultipartForm;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.Speech;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.Transcription;
import io.conduit.provider.spi.VideoJobs;
import io.conduit.provider.spi.VideoStatus;
import io.conduit.provider.spi.json.JsonObjectScan;
import io.conduit.provider.spi.json.MalformedJsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs one job to its end on a provider: submits it (once — a job that already has a provider task
 * is resumed, never submitted again), polls it, streams its result into object storage, and
 * publishes each step. Provider errors that are retriable are retried with backoff, then the next
 * deployment of the alias is tried (before anything was submitted); others fail the job with the
 * provider's reason.
 */
public final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore jobs;
    private final ResultStore results;
    private final JobTargets targets;
    private final ProviderHttp http;
    private final JobEventPublisher events;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Pauser pauser;

    /** Waits between polls and retries; tests may make time pass faster. */
    @FunctionalInterface
    public interface Pauser {
        void pause(Duration duration) throws InterruptedException;
    }

    public JobRunner(JobStore jobs, ResultStore results, JobTargets targets, ProviderHttp http, JobEventPublisher events,
            WorkerSettings settings, Clock clock, Pauser pauser) {
        this.jobs = jobs;
        this.results = results;
        this.targets = targets;
        this.http = http;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.pauser = pauser;
    }

    /**
     * Runs the job to its end (at once when it has ended already), or until {@code handover} asks it to stop at a safe point (then it
     * throws {@link ProviderHttp.JobInterrupted} and whoever takes the job over resumes it).
     */
    void run(String jobId, Handover handover) throws SQLException {
        Optional<Job> found = jobs.find(jobId);
        if (found.isEmpty()) {
            throw new PoisonRequest("no job " + jobId);
        }
        Job job = found.get();
        if (job.state().terminal()) {
            return;
        }
        if (job.cancelRequestedAt() != null && job.providerTaskId() == null) {
            events.cancelled(jobId);
            return;
        }
        switch (job.kind()) {
            case VIDEO -> runVideo(job, handover);
            case IMAGE, IMAGE_EDIT -> runOnce(job, handover, ProviderAdapter::imageGeneration, this::image);
            case SPEECH -> runOnce(job, handover, ProviderAdapter::speech, this::speech);
            case TRANSCRIPTION, TRANSLATION -> runOnce(job, handover, ProviderAdapter::transcription, this::transcription);
        }
    }

    // ------------------------------------------------------------------ video: submit once, poll, download

    private void runVideo(Job job, Handover handover) throws SQLException {
        JobTarget target;
        String taskId = job.providerTaskId();
        if (taskId != null) {
            target = targets.resume(job.provider(), job.providerModel()).orElse(null);
            if (target == null || target.adapter().videoJobs().isEmpty()) {
                events.failed(job.id(), null, "provider_unavailable", "The provider running this job is no longer configured.");
                return;
            }
            log.info("Resuming job {} on {} (task recorded)", job.id(), target.endpoint().providerName());
        } else if (job.submissions() > 0) {
            interruptedSubmission(job);
            return;
        } else {
            Submitted submitted = submitVideo(job, handover);
            if (submitted == null) {
                return;
            }
            target = submitted.target();
            taskId = submitted.taskId();
        }
        handover.checkpoint();
        pollVideo(job, target, target.adapter().videoJobs().orElseThrow(), taskId);
    }

    private record Submitted(JobTarget target, String taskId) {}

    private Submitted submitVideo(Job job, Handover handover) throws SQLException {
        List<JobTarget> plan = targets.plan(job.alias(), a -> a.videoJobs().isPresent());
        if (plan.isEmpty()) {
            events.failed(job.id(), null, "model_not_found", "No provider of '" + job.alias() + "' generates video.");
            return null;
        }
        ProviderException last = null;
        for (JobTarget target : plan) {
            handover.enterCritical();
            try {
                if (!jobs.beginSubmission(job.id(), target.endpoint().providerName(), target.providerModel())) {
                    return afterLostSubmission(job.id());
                }
                VideoJobs video = target.adapter().videoJobs().orElseThrow();
                InboundCall call = new InboundCall(scan(videoRequest(job)), target.providerModel(), false, false);
                ProviderHttp.Answer answer = retrying(target, () -> http.send(video.submit(target.endpoint(), call),
                        target.adapter().errorMapper()));
                String taskId = video.submitted(answer.body());
                jobs.recordTask(job.id(), target.endpoint().providerName(), target.providerModel(), taskId);
                events.submitted(job.id(), target, taskId);
                return new Submitted(target, taskId);
            } catch (ProviderException e) {
                last = e;
                if (!e.kind().retriable()) {
                    break;
                }
            } finally {
                handover.leaveCritical();
            }
        }
        fail(job.id(), plan.getLast(), last);
        return null;
    }

    /** Another worker recorded a task meanwhile, or the job was cancelled: follow what the table says. */
    private Submitted afterLostSubmission(String jobId) throws SQLException {
        Job now = jobs.find(jobId).orElseThrow();
        if (now.cancelRequestedAt() != null && now.providerTaskId() == null && !now.state().terminal()) {
            events.cancelled(jobId);
        }
        return null;
    }

    private void pollVideo(Job job, JobTarget target, VideoJobs video, String taskId) throws SQLException {
        Instant deadline = job.createdAt().plus(settings.jobTimeout());
        int reported = job.progress() == null ? -1 : job.progress();
        while (true) {
            Job now = jobs.find(job.id()).orElseThrow();
            if (now.state().terminal()) {
                return;
            }
            if (now.cancelRequestedAt() != null) {
                video.cancel(target.endpoint(), taskId).ifPresent(cancel -> {
                    try {
                        http.send(cancel, target.adapter().errorMapper());
                    } catch (ProviderException e) {
                        log.info("Cancelling job {} at {} failed ({}); it is abandoned", job.id(),
                                target.endpoint().providerName(), e.kind());
                    }
                });
                events.cancelled(job.id());
                return;
            }
            if (clock.instant().isAfter(deadline)) {
                events.failed(job.id(), target, "timeout", "The provider did not finish the job within "
                        + settings.jobTimeout().toMinutes() + " minutes.");
                return;
            }
            VideoStatus status;
            try {
                ProviderHttp.Answer answer = retrying(target, () -> http.send(video.poll(target.endpoint(), taskId),
                        target.adapter().errorMapper()));
                status = video.status(answer.body());
            } catch (ProviderException e) {
                fail(job.id(), target, e);
                return;
            }
            switch (status.state()) {
                case COMPLETED -> {
                    storeVideo(job, target, video, taskId, status);
                    return;
                }
                case FAILED -> {
                    events.failed(job.id(), target, status.failure() != null && status.failure().code() != null
                            ? status.failure().code() : "provider_failed",
                            status.failure() != null && status.failure().message() != null
                                    ? status.failure().message() : "The provider failed the job.");
                    return;
                }
                default -> {
                    if (status.progressPercent() > reported) {
                        reported = status.progressPercent();
                        events.progress(job.id(), target, taskId, reported);
                    }
                }
            }
            pause(settings.pollInterval());
        }
    }

    private void storeVideo(Job job, JobTarget target, VideoJobs video, String taskId, VideoStatus status) {
        List<JobOutput> outputs = new ArrayList<>();
        VideoStatus located = status;
        try {
            Optional<io.conduit.provider.spi.UpstreamRequest> where = video.locate(target.endpoint(), status);
            if (where.isPresent()) {
                ProviderHttp.Answer answer = retrying(target, () -> http.send(where.get(), target.adapter().errorMapper()));
                located = video.located(status, answer.body());
            }
            // result links may redirect to a storage host (Google's file URIs do)
            outputs.add(store(job.id(), "video", "video/mp4", video.download(target.endpoint(), taskId, located,
                    VideoJobs.Asset.VIDEO), target, true));
            if (located.resultUrl() == null && located.resultFile() == null) {
                try {
                    outputs.add(store(job.id(), "thumbnail", "image/webp",
                            video.download(target.endpoint(), taskId, VideoJobs.Asset.THUMBNAIL), target, false));
                } catch (ProviderException e) {
                    log.debug("Job {} has no thumbnail at its provider ({})", job.id(), e.kind());
                }
            }
        } catch (ProviderException e) {
            fail(job.id(), target, e);
            return;
        }
        io.conduit.contracts.usage.MediaUsage media = status.media();
        if (media.videoSeconds() == 0 || media.videoResolution() == null) {
            // most providers report no length: priced as asked
            io.conduit.contracts.usage.MediaUsage asked = video.requested(new InboundCall(scan(videoRequest(job)),
                    target.providerModel(), false, false));
            media = new io.conduit.contracts.usage.MediaUsage(0, null, null,
                    media.videoSeconds() != 0 ? media.videoSeconds() : asked.videoSeconds(),
                    media.videoResolution() != null ? media.videoResolution() : asked.videoResolution(), 0, 0);
        }
        events.completed(job.id(), target, taskId, outputs, media, 0, 0);
    }

    private JobOutput store(String jobId, String name, String defaultType, io.conduit.provider.spi.UpstreamRequest request,
            JobTarget target, boolean followRedirects) {
        return retrying(target, () -> {
            try (ProviderHttp.Stream stream = http.open(request, target.adapter().errorMapper(), followRedirects)) {
                String type = Optional.ofNullable(stream.header().apply("content-type")).orElse(defaultType);
                String key = ResultStore.resultKey(jobId, name);
                long bytes = results.upload(key, type, stream.body());
                return new JobOutput(name, key, type, bytes);
            } catch (IOException e) {
                throw ProviderException.of(ProviderException.Kind.CONNECTION_FAILED, 0, new io.conduit.provider.spi.ProviderError(
                        "Reading the result from the provider failed.", "connection_error", null, "download_failed"), null);
            }
        });
    }

    // ------------------------------------------------------------------ one-call jobs: images, speech, transcription

    /** What a one-call job does on one target: the outputs it stored and what it made. */
    private record Made(List<JobOutput> outputs, io.conduit.contracts.usage.MediaUsage media, TokenUsage tokens) {}

    @FunctionalInterface
    private interface OneCall<C> {
        Made run(Job job, JobTarget target, C capability);
    }

    private <C> void runOnce(Job job, Handover handover, java.util.function.Function<ProviderAdapter, Optional<C>> capability,
            OneCall<C> call) throws SQLException {
        if (job.submissions() > 0) {
            interruptedSubmission(job);
            return;
        }
        List<JobTarget> plan = targets.plan(job.alias(), a -> capability.apply(a).isPresent());
        if (plan.isEmpty()) {
            events.failed(job.id(), null, "model_not_found", "No provider of '" + job.alias() + "' serves " + job.kind().endpoint() + ".");
            return;
        }
        ProviderException last = null;
        for (JobTarget target : plan) {
            // the whole call is one submission: a handover waits for its end
            handover.enterCritical();
            try {
                if (!jobs.beginSubmission(job.id(), target.endpoint().providerName(), target.providerModel())) {
                    afterLostSubmission(job.id());
                    return;
                }
                Made made = call.run(job, target, capability.apply(target.adapter()).orElseThrow());
                events.completed(job.id(), target, null, made.outputs(), made.media(), made.tokens().promptTokens(),
                        made.tokens().completionTokens());
                return;
            } catch (ProviderException e) {
                last = e;
                if (!e.kind().retriable()) {
                    break;
                }
            } finally {
                handover.leaveCritical();
            }
        }
        fail(job.id(), plan.getLast(), last);
    }

    private Made image(Job job, JobTarget target, ImageGeneration images) {
        var request = job.kind() == JobKind.IMAGE_EDIT
                ? images.edit(target.endpoint(), form(job), target.providerModel())
                : images.generate(target.endpoint(), new InboundCall(scan(job.request()), target.providerModel(), false, false));
        ProviderHttp.Answer answer = retrying(target, () -> http.send(request, target.adapter().errorMapper()));
        ImageGeneration.Options options = job.kind() == JobKind.IMAGE_EDIT
                ? ImageGeneration.Options.of(form(job), target.providerModel())
                : ImageGeneration.Options.of(scan(job.request()), target.providerModel());
        ImageGeneration.Answer made = images.answer(options, answer.body());
        JsonNode data = Json.mapper().readTree(made.body()).path("data");
        List<JobOutput> outputs = new ArrayList<>();
        String format = Optional.ofNullable(textField(job.request(), "output_format")).orElse("png");
        for (int i = 0; i < data.size(); i++) {
            JsonNode image = data.get(i);
            String name = "image_" + i;
            String type = "image/" + (format.equals("jpg") ? "jpeg" : format);
            if (image.hasNonNull("b64_json")) {
                byte[] bytes = Base64.getDecoder().decode(image.get("b64_json").asString());
                String key = ResultStore.resultKey(job.id(), name);
                outputs.add(new JobOutput(name, key, type, results.put(key, type, bytes)));
            } else if (image.hasNonNull("url")) {
                outputs.add(store(job.id(), name, type, io.conduit.provider.spi.UpstreamRequest.get(
                        URI.create(image.get("url").asString()), Map.of()), target, true));
            }
        }
        return new Made(outputs, made.media(), made.tokens());
    }

    private Made speech(Job job, JobTarget target, Speech speech) {
        InboundCall call = new InboundCall(scan(job.request()), target.providerModel(), false, false);
        var request = speech.request(target.endpoint(), call);
        return retrying(target, () -> {
            try (ProviderHttp.Stream stream = http.open(request, target.adapter().errorMapper(), false)) {
                Speech.Answer answer = speech.answer(call, stream.header());
                String key = ResultStore.resultKey(job.id(), "audio");
                // most providers answer the audio itself (streamed to the store); some wrap it in JSON (decoded whole)
                long bytes = speech.wrapsAudio()
                        ? results.put(key, answer.contentType(), speech.audio(stream.body().readAllBytes()))
                        : results.upload(key, answer.contentType(), stream.body());
                return new Made(List.of(new JobOutput("audio", key, answer.contentType(), bytes)), answer.media(), TokenUsage.NONE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Made transcription(Job job, JobTarget target, Transcription transcription) {
        Transcription.Call call = new Transcription.Call(job.kind() == JobKind.TRANSLATION
                ? Transcription.Task.TRANSLATE : Transcription.Task.TRANSCRIBE, form(job), target.providerModel(), -1);
        ProviderHttp.Answer answer = retrying(target, () -> http.send(transcription.request(target.endpoint(), call),
                target.adapter().errorMapper()));
        Transcription.Answer made = transcription.answer(call, answer.header().apply("content-type"), answer.body());
        String key = ResultStore.resultKey(job.id(), "transcript");
        results.put(key, made.contentType(), made.body());
        return new Made(List.of(new JobOutput("transcript", key, made.contentType(), made.body().length)), made.media(),
                made.tokens());
    }

    /**
     * A video job's request as adapters read it: an uploaded {@code input_reference} image inlined as a
     * {@code data:} URL (the form ingress took is gone), the gateway's own {@code uploads} description left out.
     */
    private String videoRequest(Job job) {
        String key = job.inputs().get("input_reference");
        if (key == null) {
            return job.request();
        }
        tools.jackson.databind.node.ObjectNode request = (tools.jackson.databind.node.ObjectNode) Json.mapper().readTree(job.request());
        String type = request.path("uploads").path("input_reference").path("content_type").asString("image/png");
        request.remove("uploads");
        request.put("input_reference", "data:" + type + ";base64," + Base64.getEncoder().encodeToString(results.read(key)));
        return Json.mapper().writeValueAsString(request);
    }

    /**
     * The job's multipart request again: its text fields from the stored request, its files from the
     * store, named and typed as uploaded ({@code uploads}); {@code image_0}, {@code image_1}… are the
     * form's repeated {@code image} field.
     */
    private MultipartForm form(Job job) {
        List<FormPart> parts = new ArrayList<>();
        JsonNode request = Json.mapper().readTree(job.request());
        for (var field : request.properties()) {
            JsonNode value = field.getValue();
            if (!value.isNull() && !value.isContainer()) {
                parts.add(FormPart.field(field.getKey(), value.isString() ? value.asString() : value.toString()));
            }
        }
        JsonNode uploads = request.path("uploads");
        for (var input : job.inputs().entrySet()) {
            String name = input.getKey();
            String field = name.matches("image_\\d+") ? "image" : name;
            JsonNode described = uploads.path(name);
            String type = described.path("content_type").asString("application/octet-stream");
            String filename = described.path("filename").asString(field);
            parts.add(FormPart.file(field, filename, type, results.read(input.getValue())));
        }
        return new MultipartForm(parts);
    }

    // ------------------------------------------------------------------ shared

    /**
     * A worker sent the job and died before it was recorded as done (or, for a video, before the
     * provider's task was recorded): it may have run, and been billed, at the provider, and there is
     * no way to find it again. Sending it once more could make and charge it twice, so it fails, at
     * no charge.
     */
    private void interruptedSubmission(Job job) {
        events.failed(job.id(), null, "interrupted_submission", "The worker sending this job to the provider stopped"
                + " before its outcome was recorded; it was not sent again, so it is not made or charged twice."
                + " Create the job again.");
    }

    private <T> T retrying(JobTarget target, Supplier<T> call) {
        Duration wait = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ProviderException e) {
                if (!e.kind().retriable() || attempt >= settings.attempts()) {
                    throw e;
                }
                Duration delay = e.retryAfter().filter(d -> d.compareTo(Duration.ofMinutes(5)) <= 0).orElse(wait);
                log.info("Retrying a call to {} in {} ms after {} (attempt {} of {})", target.endpoint().providerName(),
                        delay.toMillis(), e.kind(), attempt, settings.attempts());
                pause(delay);
                wait = wait.multipliedBy(2);
            }
        }
    }

    private void fail(String jobId, JobTarget target, ProviderException e) {
        String code = e.error() != null && e.error().code() != null ? e.error().code()
                : e.kind().name().toLowerCase(java.util.Locale.ROOT);
        String message = e.error() != null && e.error().message() != null ? e.error().message() : "The provider failed the job.";
        events.failed(jobId, target, code, message);
    }

    private void pause(Duration duration) {
        try {
            pauser.pause(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderHttp.JobInterrupted();
        }
    }

    private static JsonObjectScan scan(String json) {
        try {
            return JsonObjectScan.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw new PoisonRequest("the job's stored request is not a JSON object");
        }
    }

    private static String textField(String json, String name) {
        JsonNode value = Json.mapper().readTree(json).get(name);
        return value == null || !value.isString() ? null : value.asString();
    }

    /** A request no worker can run (no such job, an unreadable request): dead-lettered. */
    public static final class PoisonRequest extends RuntimeException {
        public PoisonRequest(String message) {
            super(message);
        }
    }
}
