package io.conduit.ingress.http;

import io.conduit.ingress.config.GatewaySnapshot;
import io.conduit.ingress.proxy.ProviderAdapters;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.conduit.ingress.auth.Authenticator;
import io.conduit.ingress.auth.KeyExtractor;
import io.conduit.ingress.config.GatewayConfigCache;
import io.conduit.ingress.config.VirtualKey;
import io.conduit.contracts.json.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * {@code GET /v1/models}, {@code GET /v1/models/{model}} and {@code GET /v1/discovery/models}: the
 * aliases the calling key may use, in OpenAI's list format, each with what it can do
 * ({@code capabilities}, {@code context_window}, {@code max_output_tokens}); discovery filters by
 * {@code ?capability=vision,tools}.
 */
public final class ModelsHandler {

    private final GatewayConfigCache config;
    private final Authenticator authenticator;
    private final ProviderAdapters adapters;

    public ModelsHandler(GatewayConfigCache config, Authenticator authenticator, ProviderAdapters adapters) {
        this.config = config;
        this.authenticator = authenticator;
        this.adapters = adapters;
    }

    public Publisher<Void> list(HttpServerRequest request, HttpServerResponse response) {
        return respond(request, response, key -> listing(key, Set.of()));
    }

    public Publisher<Void> discover(HttpServerRequest request, HttpServerResponse response) {
        return respond(request, response, key -> listing(key, wanted(request.uri())));
    }

    private String listing(VirtualKey key, Set<String> wanted) {
        GatewaySnapshot snapshot = config.current();
        return snapshot.routes().aliases().stream()
                .filter(key::mayUse)
                .sorted()
                .map(alias -> Map.entry(alias, capabilities(snapshot, alias)))
                .filter(e -> e.getValue().capabilities().containsAll(wanted))
                .map(e -> model(e.getKey(), e.getValue()))
                .collect(Collectors.joining(",", "{\"object\":\"list\",\"data\":[", "]}"));
    }

    private AliasCapabilities capabilities(GatewaySnapshot snapshot, String alias) {
        return snapshot.routes().route(alias).map(route -> AliasCapabilities.of(route, snapshot, adapters))
                .orElse(new AliasCapabilities(Set.of(), 0, 0));
    }

    /** The {@code capability} query parameter: comma-separated names, each one known. */
    private static Set<String> wanted(String uri) {
        Set<String> wanted = new LinkedHashSet<>();
        QueryStringDecoder query = new QueryStringDecoder(uri);
        for (String value : query.parameters().getOrDefault("capability", List.of())) {
            for (String name : value.split(",")) {
                String trimmed = name.strip().toLowerCase(Locale.ROOT);
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!AliasCapabilities.NAMES.contains(trimmed)) {
                    throw GatewayException.badRequest("unknown_capability", "capability", "Unknown capability '"
                            + name.strip() + "'; known: " + String.join(", ", AliasCapabilities.NAMES.stream().sorted().toList()) + ".");
                }
                wanted.add(trimmed);
            }
        }
        return wanted;
    }

    public Publisher<Void> get(HttpServerRequest request, HttpServerResponse response) {
        String alias = request.param("model");
        return respond(request, response, key -> {
            if (alias == null || !key.mayUse(alias) || config.current().routes().route(alias).isEmpty()) {
                throw GatewayException.modelNotFound(alias);
            }
            return model(alias, capabilities(config.current(), alias));
        });
    }

    private Publisher<Void> respond(HttpServerRequest request, HttpServerResponse response,
            java.util.function.Function<VirtualKey, String> body) {
        response.header("x-request-id", RequestIds.resolve(request.requestHeaders().get("x-request-id")));
        try {
            VirtualKey key = authenticator.authenticate(KeyExtractor.presentedKey(request.requestHeaders()));
            byte[] json = body.apply(key).getBytes(StandardCharsets.UTF_8);
            return response.header("content-type", "application/json")
                    .header("content-length", Integer.toString(json.length))
                    .sendByteArray(Mono.just(json));
        } catch (GatewayException e) {
            return ErrorResponses.send(response, e);
        }
    }

    private static String model(String alias, AliasCapabilities can) {
        return "{\"id\":" + JsonStrings.quote(alias) + ",\"object\":\"model\",\"created\":0,\"owned_by\":\"conduit\""
                + ",\"capabilities\":" + can.capabilities().stream().sorted().map(JsonStrings::quote)
                        .collect(Collectors.joining(",", "[", "]"))
                + (can.contextWindow() > 0 ? ",\"context_window\":" + can.contextWindow() : "")
                + (can.maxOutputTokens() > 0 ? ",\"max_output_tokens\":" + can.maxOutputTokens() : "") + "}";
    }
}
