package io.conduit.ingress.jobs;

import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.json.Json;
import io.conduit.ingress.auth.Authenticator;
import io.conduit.ingress.auth.KeyExtractor;
import io.conduit.ingress.budget.Admission;
import io.conduit.ingress.budget.BudgetGuard;
import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.ingress.http.ErrorResponses;
import io.conduit.ingress.http.GatewayException;
import io.conduit.ingress.http.RequestIds;
import io.conduit.ingress.proxy.ProviderAdapters;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobNotifications;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.jobs.JobTransitions;
import io.conduit.media.storage.ResultStore;
import io.conduit.provider.spi.Capability;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.router.Deployment;
import io.conduit.router.Route;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * What every job endpoint shares: the key, the configuration, the job library, and the plumbing —
 * authentication and request ids, blocking work (JDBC, S3) off the event loop, lookups that show a
 * key only its own (or its group's) jobs, the alias and budget checks of a new job, and errors in
 * the OpenAI envelope.
 */
public final class JobsApi {

    private static final Logger log = LoggerFactory.getLogger(JobsApi.class);

    /** The job library's parts the API uses. */
    public record Library(JobStore store, ResultStore results, JobTransitions transitions, JobNotifications notifications) {}

    final GatewayConfigCache config;
    final Authenticator authenticator;
    final ProviderAdapters adapters;
    final BudgetGuard budgets;
    final Library jobs;
    final JobsApiSettings settings;
    final JobSubmitter submitter;
    final JobWaiter waiter;
    final Clock clock;

    public JobsApi(GatewayConfigCache config, Authenticator authenticator, ProviderAdapters adapters, BudgetGuard budgets,
            Library jobs, JobRequestPublisher queue, JobsApiSettings settings, Clock clock) {
        this.config = config;
        this.authenticator = authenticator;
        this.adapters = adapters;
        this.budgets = budgets;
        this.jobs = jobs;
        this.settings = settings;
        this.clock = clock;
        this.submitter = new JobSubmitter(jobs.store(), jobs.results(), jobs.transitions(), queue, clock);
        this.waiter = new JobWaiter(jobs.store(), jobs.notifications(), settings.recheck());
    }

    /** The request context of one call: its id and the authenticated key. */
    record Call(String requestId, VirtualKey key, HttpServerRequest request, HttpServerResponse response) {}

    /** Runs an endpoint: request id, key, then the handler; any failure answered in the OpenAI envelope. */
    Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response,
            BiFunction<Call, HttpServerResponse, Mono<Void>> handler) {
        String requestId = RequestIds.resolve(request.requestHeaders().get("x-request-id"));
        response.header("x-request-id", requestId);
        Mono<Void> work;
        try {
            VirtualKey key = authenticator.authenticate(KeyExtractor.presentedKey(request.requestHeaders()));
            work = handler.apply(new Call(requestId, key, request, response), response);
        } catch (GatewayException e) {
            return ErrorResponses.send(response, e);
        } catch (RuntimeException e) {
            work = Mono.error(e);
        }
        return work.onErrorResume(JobsApi::clientWentAway, e -> Mono.empty())
                .onErrorResume(e -> Mono.from(ErrorResponses.send(response, translate(requestId, e))));
    }

    /** The client closed the connection (e.g. left an event stream): nothing to answer. */
    private static boolean clientWentAway(Throwable e) {
        return e instanceof reactor.netty.channel.AbortedException || reactor.netty.channel.AbortedException.isConnectionReset(e);
    }

    private static GatewayException translate(String requestId, Throwable e) {
        if (e instanceof GatewayException gateway) {
            return gateway;
        }
        if (e instanceof SQLException || e instanceof software.amazon.awssdk.core.exception.SdkException) {
            log.warn("Job request {} failed on storage: {}", requestId, e.toString());
            return JobErrors.unavailable("Job storage is unavailable; try again shortly.");
        }
        log.error("Job request {} failed unexpectedly: {}", requestId, e.toString());
        return new GatewayException(500, "api_error", "internal_error", null, "The gateway failed to process the request.",
                Map.of());
    }

    /** Blocking work (JDBC, S3) on a thread that may block. */
    static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    /** Runs the work with a parsed form, then deletes the form's files (whatever the outcome). */
    static <T> Mono<T> using(UploadedForm form, java.util.function.Function<UploadedForm, Mono<T>> work) {
        return Mono.usingWhen(Mono.just(form), f -> Mono.defer(() -> work.apply(f)),
                f -> Mono.fromRunnable(f::close).subscribeOn(Schedulers.boundedElastic()));
    }

    /** The job if the key may see it; else the same 404 as for a job that does not exist. */
    Mono<Job> visible(Call call, String id, String what) {
        return blocking(() -> jobs.store().findVisible(id, call.key().id(), call.key().keyGroupId()))
                .flatMap(found -> found.map(Mono::just).orElseGet(() -> Mono.error(JobErrors.notFound(what, id))));
    }

    /** The job of that id and kind(s) the key may see. */
    Mono<Job> visible(Call call, String id, String what, java.util.Set<JobKind> kinds) {
        return visible(call, id, what).flatMap(job -> kinds.contains(job.kind()) ? Mono.just(job)
                : Mono.error(JobErrors.notFound(what, id)));
    }

    /**
     * A new job's alias must exist, be allowed to the key, and have a deployment whose provider can
     * make what the job makes; and the key (and its group) must not be out of budget already.
     */
    Mono<Void> admit(VirtualKey key, MediaRequests.Spec spec) {
        GatewaySnapshot snapshot = config.current();
        checkAlias(snapshot, adapters, key, spec.alias(), spec.kind());
        // no worst-case reservation for media yet: a key already over its budget (or a group out of
        // balance) is refused, anything else passes
        return budgets.admit(new BudgetGuard.Ask(key.id(), key.keyGroupId(), () -> 1), snapshot, event -> {})
                .doOnNext(usage -> {
                    if (usage instanceof Admission admission) {
                        admission.settle();
                    }
                })
                .onErrorMap(GatewayException.class, JobsApi::exhausted)
                .then();
    }

    private static GatewayException exhausted(GatewayException e) {
        String message = e.status() == 402
                ? "The key group's prepaid balance is used up; top up the balance to continue."
                : "The budget of this key (or of its key group) is used up for the current period.";
        return new GatewayException(e.status(), e.type(), e.code(), e.param(), message, e.headers());
    }

    static void checkAlias(GatewaySnapshot snapshot, ProviderAdapters adapters, VirtualKey key, String alias, JobKind kind) {
        if (!key.mayUse(alias)) {
            throw GatewayException.modelNotAllowed(alias);
        }
        Route route = snapshot.routes().route(alias).orElseThrow(() -> GatewayException.modelNotFound(alias));
        Capability needed = capability(kind);
        boolean anyAdapter = false;
        for (Deployment deployment : route.deployments()) {
            ProviderEndpoint provider = snapshot.providers().get(deployment.providerId());
            ProviderAdapter adapter = provider == null ? null : adapters.get(provider.adapterId()).orElse(null);
            if (adapter == null) {
                continue;
            }
            anyAdapter = true;
            if (adapter.capabilities().contains(needed)) {
                return;
            }
        }
        throw !anyAdapter
                ? new GatewayException(503, "api_error", "provider_unavailable", "model",
                        "The model '" + alias + "' has no usable provider configured.", Map.of())
                : GatewayException.badRequest("unsupported_operation", "model",
                        "The model '" + alias + "' does not support " + kind.endpoint() + ".");
    }

    static Capability capability(JobKind kind) {
        return switch (kind) {
            case VIDEO -> Capability.VIDEO_GENERATION;
            case IMAGE, IMAGE_EDIT -> Capability.IMAGE_GENERATION;
            case SPEECH -> Capability.SPEECH;
            case TRANSCRIPTION, TRANSLATION -> Capability.TRANSCRIPTION;
        };
    }

    /**
     * Cancels a job that has not ended: a queued one at once (no worker has it yet, or the one that
     * has it finds it cancelled), a running one by asking its worker to stop the provider's task.
     *
     * @return the job afterwards
     */
    Job cancel(Job job) throws SQLException {
        if (job.state().terminal()) {
            throw JobErrors.notCancellable(job);
        }
        jobs.store().requestCancel(job.id());
        Job now = jobs.store().find(job.id()).orElse(job);
        if (now.state() == io.conduit.contracts.jobs.JobState.QUEUED) {
            now = jobs.transitions().apply(new io.conduit.contracts.jobs.JobEvent(job.id() + ":cancelled", job.id(),
                    io.conduit.contracts.jobs.JobEvent.Type.CANCELLED, clock.instant(), null, null, null, null,
                    java.util.List.of(), null, 0, 0, "cancelled", "The job was cancelled by the client.", "ingress"))
                    .job().orElse(now);
        }
        return now;
    }

    /** A JSON answer. */
    static Mono<Void> json(HttpServerResponse response, int status, Object body) {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        return response.status(status)
                .header("content-type", "application/json")
                .header("content-length", Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }

    /** The 202 of a job accepted asynchronously: the job object, where to follow it, and that the preference was applied. */
    static Mono<Void> accepted(HttpServerResponse response, Job job) {
        response.header("preference-applied", "respond-async").header("location", "/v1/jobs/" + job.id());
        return json(response, 202, io.conduit.media.jobs.JobView.of(job));
    }

    /** Whether the request asks to be answered at once ({@code Prefer: respond-async}, RFC 7240). */
    static boolean prefersAsync(HttpServerRequest request) {
        for (String prefer : request.requestHeaders().getAll("prefer")) {
            for (String token : prefer.split("[,;]")) {
                if (token.strip().equalsIgnoreCase("respond-async")) {
                    return true;
                }
            }
        }
        return false;
    }
}
