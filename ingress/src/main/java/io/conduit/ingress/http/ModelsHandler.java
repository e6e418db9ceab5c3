package io.conduit.ingress.http;

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

/** {@code GET /v1/models} and {@code GET /v1/models/{model}}: the aliases the calling key may use, in OpenAI's list format. */
public final class ModelsHandler {

    private final GatewayConfigCache config;
    private final Authenticator authenticator;

    public ModelsHandler(GatewayConfigCache config, Authenticator authenticator) {
        this.config = config;
        this.authenticator = authenticator;
    }

    public Publisher<Void> list(HttpServerRequest request, HttpServerResponse response) {
        return respond(request, response, key -> config.current().routes().aliases().stream()
                .filter(key::mayUse)
                .sorted()
                .map(ModelsHandler::model)
                .collect(Collectors.joining(",", "{\"object\":\"list\",\"data\":[", "]}")));
    }

    public Publisher<Void> get(HttpServerRequest request, HttpServerResponse response) {
        String alias = request.param("model");
        return respond(request, response, key -> {
            if (alias == null || !key.mayUse(alias) || config.current().routes().route(alias).isEmpty()) {
                throw GatewayException.modelNotFound(alias);
            }
            return model(alias);
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

    private static String model(String alias) {
        return "{\"id\":" + JsonStrings.quote(alias) + ",\"object\":\"model\",\"created\":0,\"owned_by\":\"conduit\"}";
    }
}
