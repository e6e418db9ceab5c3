package io.conduit.server.support;

import io.conduit.provider.testkit.FakeOpenAi;
import io.conduit.server.ConduitServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * One Conduit process (ingress + admin) on the shared test infrastructure, with a fake OpenAI
 * upstream registered as a provider, shared by the gateway tests. Upstream read timeout 2 s,
 * per-try timeout 1.5 s and body limit 64 KiB, so timeouts and limits are quick to reach.
 */
public final class Gateway {

    public static final String PROVIDER_KEY = "sk-provider-secret-0123456789abcdef";
    public static final int MAX_BODY_BYTES = 65536;
    public static final Duration TRY_TIMEOUT = Duration.ofMillis(1500);

    private static Gateway instance;

    public final FakeOpenAi upstream;
    public final ConduitServer server;
    public final AdminApi admin;
    public final UsageEvents usage;
    public final String provider;
    /** An alias mapped to the fake's {@code gpt-4o-mini}. */
    public final String alias;
    /** A key allowed every model. */
    public final String key;
    private final HttpClient http = HttpClient.newHttpClient();

    private Gateway() {
        TestInfrastructure infra = TestInfrastructure.get();
        upstream = FakeOpenAi.builder().requireApiKey(PROVIDER_KEY).start();
        Map<String, String> env = infra.environment();
        env.put("CONDUIT_UPSTREAM_READ_TIMEOUT", "2s");
        env.put("CONDUIT_UPSTREAM_TRY_TIMEOUT", TRY_TIMEOUT.toMillis() + "ms");
        env.put("CONDUIT_MAX_BODY_BYTES", Integer.toString(MAX_BODY_BYTES));
        server = ConduitServer.start(env);
        admin = new AdminApi(server.adminPort(), TestInfrastructure.MASTER_KEY);
        usage = new UsageEvents(infra.kafkaBootstrap());
        provider = admin.provider(upstream.baseUrl(), PROVIDER_KEY);
        key = admin.key();
        alias = admin.alias(provider, "gpt-4o-mini");
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> get("/v1/models/" + alias, key).statusCode() == 200);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            usage.close();
            server.close();
            upstream.close();
        }));
    }

    public static synchronized Gateway get() {
        if (instance == null) {
            instance = new Gateway();
        }
        return instance;
    }

    /** Maps a fresh alias to the provider's model and waits until the gateway routes it (changes propagate asynchronously). */
    public String alias(String provider, String providerModel) {
        return routable(admin.alias(provider, providerModel));
    }

    /** Waits until the gateway routes an alias made through the admin API; returns it. */
    public String routable(String alias) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> get("/v1/models/" + alias, key).statusCode() == 200);
        return alias;
    }

    /** Waits until the gateway routes the alias over this many deployments (each mapping propagates on its own). */
    public String routable(String alias, int deployments) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
            int seen = 0;
            for (var deployment : admin.ok("GET", "/api/deployments/health", null).path("data")) {
                seen += alias.equals(deployment.path("alias").asString()) ? 1 : 0;
            }
            return seen == deployments;
        });
        return alias;
    }

    /** Creates a virtual key and waits until the gateway knows it. */
    public String key(String settingsJson) {
        String created = admin.key(settingsJson);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> get("/v1/models", created).statusCode() != 401
                        || !get("/v1/models", created).body().contains("invalid_api_key"));
        return created;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.ingressPort() + "/v1";
    }

    public HttpResponse<String> post(String path, String apiKey, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ingressPort() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ingressPort() + path));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"say hello to the gateway\"}]}";
    }
}
