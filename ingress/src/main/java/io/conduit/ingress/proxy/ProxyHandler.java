package io.conduit.ingress.proxy;

import io.conduit.ingress.auth.Authenticator;
import io.conduit.ingress.auth.KeyExtractor;
import io.conduit.ingress.budget.Admission;
import io.conduit.ingress.budget.BudgetGuard;
import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.ingress.http.GatewayException;
import io.conduit.ingress.http.RequestBodyReader;
import io.conduit.ingress.http.RequestIds;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The proxy's front half, shared by every proxied API: request id, key, body, validation and the
 * plan of attempts; then {@link FailoverExchange} tries the plan.
 */
public final class ProxyHandler {

    /** A request may ask for a routing strategy other than its alias's. */
    public static final String STRATEGY_HEADER = "x-conduit-routing-strategy";

    private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);

    private final GatewayConfigCache config;
    private final Authenticator authenticator;
    private final AttemptPlanner planner;
    private final FailoverExchange.Dependencies dependencies;
    private final BudgetGuard budgets;
    private final int maxBodyBytes;
    private final int defaultMaxOutputTokens;

    public ProxyHandler(GatewayConfigCache config, Authenticator authenticator, AttemptPlanner planner,
            FailoverExchange.Dependencies dependencies, BudgetGuard budgets, int maxBodyBytes, int defaultMaxOutputTokens) {
        this.config = config;
        this.authenticator = authenticator;
        this.planner = planner;
        this.dependencies = dependencies;
        this.budgets = budgets;
        this.maxBodyBytes = maxBodyBytes;
        this.defaultMaxOutputTokens = defaultMaxOutputTokens;
    }

    public Publisher<Void> chatCompletions(HttpServerRequest request, HttpServerResponse response) {
        return handle(request, response, Operation.CHAT_COMPLETIONS);
    }

    public Publisher<Void> embeddings(HttpServerRequest request, HttpServerResponse response) {
        return handle(request, response, Operation.EMBEDDINGS);
    }

    /** {@code POST /v1/messages}: the Anthropic Messages API, served by any chat provider behind the alias. */
    public Publisher<Void> messages(HttpServerRequest request, HttpServerResponse response) {
        return handle(request, response, Operation.MESSAGES);
    }

    /**
     * {@code POST /v1/responses}: the OpenAI Responses API (stateless), passed through to providers
     * that serve it and translated for every other chat provider behind the alias.
     */
    public Publisher<Void> responses(HttpServerRequest request, HttpServerResponse response) {
        return handle(request, response, Operation.RESPONSES);
    }

    /** The client closed the connection: nothing to answer, and its call was recorded as aborted already. */
    private static boolean clientWentAway(Throwable e) {
        return e instanceof reactor.netty.channel.AbortedException || reactor.netty.channel.AbortedException.isConnectionReset(e);
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, Operation operation) {
        long start = System.nanoTime();
        String requestId = RequestIds.resolve(request.requestHeaders().get("x-request-id"));
        response.header("x-request-id", requestId);
        ClientShape errors = ClientShape.asSent(operation.dialect());
        VirtualKey key;
        try {
            key = authenticator.authenticate(KeyExtractor.presentedKey(request.requestHeaders()));
        } catch (GatewayException e) {
            return errors.sendError(response, e);
        }
        String strategy = request.requestHeaders().get(STRATEGY_HEADER);
        return RequestBodyReader.read(request, maxBodyBytes)
                .flatMap(body -> {
                    ClientRequest client = ClientRequest.of(operation, body);
                    GatewaySnapshot snapshot = config.current();
                    List<Target> plan = planner.plan(snapshot, key, client.alias(), operation, strategy,
                            ThreadLocalRandom.current());
                    if (!client.servable(plan)) {
                        throw client.untranslatable();
                    }
                    BudgetGuard.Ask ask = new BudgetGuard.Ask(key.id(), key.keyGroupId(), () -> WorstCase.micros(plan,
                            client.budgetBody(), dependencies.tokens(), budgets.pricer(), defaultMaxOutputTokens,
                            dependencies.clock().instant()));
                    return budgets.admit(ask, snapshot, dependencies.usage()).flatMap(usage ->
                            new FailoverExchange(dependencies, new FailoverExchange.Request(requestId, key,
                                    client.alias(), operation.endpoint(), client, start, usage), plan,
                                    reason -> planner.fallbackPlan(snapshot, client.alias(), operation, reason,
                                            ThreadLocalRandom.current())).run(response)
                                    .doFinally(signal -> {
                                        if (usage instanceof Admission admission) {
                                            admission.settle();
                                        }
                                    }));
                })
                .onErrorResume(GatewayException.class, e -> Mono.from(errors.sendError(response, e)))
                .onErrorResume(ProxyHandler::clientWentAway, e -> Mono.empty())
                .onErrorResume(e -> {
                    log.error("Request {} failed unexpectedly: {}", requestId, e.toString());
                    return Mono.from(errors.sendError(response, new GatewayException(500, "api_error",
                            "internal_error", null, "The gateway failed to process the request.", Map.of())));
                });
    }
}
