package io.conduit.provider.replicate;

import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.media.FakeJobs;
import io.conduit.provider.testkit.media.FakeServer;
import io.conduit.provider.testkit.media.MediaBytes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Replicate API, answering as Replicate does: {@code POST /v1/models/{owner}/{name}/predictions},
 * {@code POST /v1/predictions} (with {@code version}) and {@code POST /v1/deployments/{owner}/{name}/predictions}
 * create a prediction ({@code 201} with the prediction object: {@code id}, {@code model}, {@code version},
 * {@code input}, {@code logs}, {@code output}, {@code data_removed}, {@code error}, {@code status},
 * {@code created_at}, {@code urls}; {@code started_at}, {@code completed_at} and {@code metrics.predict_time}
 * as it runs and ends); with {@code Prefer: wait} the answer waits for the end (unless
 * {@link #holdSyncPredictions}). {@code GET /v1/predictions/{id}} reads one, {@code POST
 * /v1/predictions/{id}/cancel} cancels it, {@code GET /v1/webhooks/default/secret} gives the signing
 * secret. Outputs are URLs on this server's {@code /delivery/} path (no token needed, as on
 * {@code replicate.delivery}). Errors are problem details ({@code {"title","detail","status"}}); a missing
 * or wrong token is 401, an unknown model 404, input without a prompt 422.
 *
 * <p>Jobs advance one step per poll ({@link #jobs()}; {@code failNext(code, message)} puts the message in
 * {@code error}). A prediction created with a {@code webhook} gets its {@code start} and {@code completed}
 * deliveries recorded, signed as Replicate signs them ({@link #webhooks()}); {@link #deliver} POSTs one.
 *
 * <p>Documentation followed: https://replicate.com/docs/reference/http, https://replicate.com/docs/topics/predictions/lifecycle,
 * https://replicate.com/docs/topics/predictions/create-a-prediction, https://replicate.com/docs/topics/webhooks.
 */
public final class FakeReplicate implements AutoCloseable {

    /** The signing secret the fake signs webhooks with. */
    public static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString("fake-replicate-signing-key-32byt".getBytes());

    /** Models the fake serves. */
    public static final Set<String> MODELS = Set.of("google/veo-3", "minimax/hailuo-02", "black-forest-labs/flux-schnell",
            "black-forest-labs/flux-kontext-pro");

    /** A webhook delivery as Replicate would send it. */
    public record Webhook(URI url, Map<String, String> headers, byte[] body) {}

    private final String token;
    private final FakeJobs jobs = new FakeJobs();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, JsonNode> created = new ConcurrentHashMap<>();
    private final Map<String, FakeJobs.Phase> announced = new ConcurrentHashMap<>();
    private final List<Webhook> webhooks = new CopyOnWriteArrayList<>();
    private final FakeServer server;
    private volatile int failStatus;
    private volatile boolean holdSync;
    private volatile int videoSize = 2 * 1024 * 1024;

    public FakeReplicate(String token) {
        this.token = token;
        this.server = FakeServer.start("fake-replicate", this::handle);
    }

    /** {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return URI.create(server.root() + "/v1");
    }

    public FakeJobs jobs() {
        return jobs;
    }

    public List<CapturedRequest> requests() {
        return server.requests();
    }

    /** Every following request gets this status with Replicate's problem body (0: none); 429 carries {@code retry-after}. */
    public FakeReplicate fail(int status) {
        this.failStatus = status;
        return this;
    }

    /** Whether {@code Prefer: wait} predictions come back unfinished, as when the model outlasts the wait. */
    public FakeReplicate holdSyncPredictions(boolean hold) {
        this.holdSync = hold;
        return this;
    }

    /** Runs a prediction to its end now (recording its {@code completed} webhook). */
    public void finish(String id) {
        jobs.finish(id);
        announce(id);
    }

    /** Webhook deliveries so far, in order. */
    public List<Webhook> webhooks() {
        return List.copyOf(webhooks);
    }

    /** Sends a webhook to its URL; the receiver's status. */
    public int deliver(Webhook webhook) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url()).POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        webhook.headers().forEach(request::header);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** The bytes of an output. */
    public byte[] outputBytes(String id) {
        return MediaBytes.mp4(id.hashCode(), videoSize);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(FakeServer.Exchange exchange) throws IOException {
        String path = exchange.path();
        if (path.startsWith("/delivery/") && exchange.method().equals("GET")) {
            String id = path.substring("/delivery/".length(), path.indexOf('/', "/delivery/".length()));
            exchange.bytes(200, path.endsWith(".mp4") ? "video/mp4" : "image/webp",
                    path.endsWith(".mp4") ? outputBytes(id) : MediaBytes.png(path.hashCode(), 2048));
            return;
        }
        if (failStatus > 0) {
            if (failStatus == 429) {
                exchange.responseHeader("retry-after", "1");
            }
            problem(exchange, failStatus, switch (failStatus) {
                case 401 -> "Unauthenticated|You did not pass a valid authentication token";
                case 402 -> "Insufficient credit|You have insufficient credit to run this model. Go to https://replicate.com/account/billing#billing to purchase credit. Once you purchase credit, please wait a few minutes before trying again.";
                case 404 -> "Not found|The requested resource could not be found.";
                case 422 -> "Input validation failed|- input: prompt is required";
                case 429 -> "Request was throttled|Request was throttled. Expected available in 1 second.";
                default -> "Internal server error|An internal server error occurred.";
            });
            return;
        }
        String auth = exchange.header("authorization");
        if (auth == null || !(auth.equals("Bearer " + token) || auth.equals("Token " + token))) {
            problem(exchange, 401, "Unauthenticated|You did not pass a valid authentication token");
            return;
        }
        String[] parts = path.split("/");
        if (exchange.method().equals("POST") && path.matches("/v1/(models|deployments)/[^/]+/[^/]+/predictions")) {
            create(exchange, parts[3] + "/" + parts[4]);
        } else if (exchange.method().equals("POST") && path.equals("/v1/predictions")) {
            JsonNode body = exchange.jsonBody();
            String version = body == null ? "" : body.path("version").asString("");
            create(exchange, version.contains(":") ? version.substring(0, version.indexOf(':')) : version);
        } else if (exchange.method().equals("GET") && path.matches("/v1/predictions/[^/]+")) {
            read(exchange, parts[3], true);
        } else if (exchange.method().equals("POST") && path.matches("/v1/predictions/[^/]+/cancel")) {
            if (jobs.cancel(parts[3])) {
                announce(parts[3]);
            }
            read(exchange, parts[3], false);
        } else if (exchange.method().equals("GET") && path.equals("/v1/webhooks/default/secret")) {
            exchange.json(200, FakeServer.JSON.createObjectNode().put("key", WEBHOOK_SECRET));
        } else {
            problem(exchange, 404, "Not found|The requested resource could not be found.");
        }
    }

    private void create(FakeServer.Exchange exchange, String model) throws IOException {
        JsonNode body = exchange.jsonBody();
        if (!MODELS.contains(model)) {
            problem(exchange, 404, "Not found|The requested resource could not be found.");
            return;
        }
        if (body == null || !body.path("input").isObject() || !body.path("input").path("prompt").isString()) {
            ObjectNode out = problemBody(422, "Input validation failed|- input: prompt is required\n");
            out.putArray("invalid_fields").addObject().put("type", "required").put("field", "input")
                    .put("description", "prompt is required");
            exchange.bytes(422, "application/problem+json", FakeServer.JSON.writeValueAsBytes(out));
            return;
        }
        String id = "q" + Long.toString(0x2f3a5b7c9d1eL + ids.incrementAndGet() * 7919, 36) + "rm";
        jobs.submit(id, exchange.request());
        ObjectNode remembered = FakeServer.JSON.createObjectNode().put("model", model);
        remembered.set("input", body.path("input"));
        remembered.set("webhook", body.path("webhook"));
        remembered.set("filter", body.path("webhook_events_filter"));
        created.put(id, remembered);
        announce(id);
        boolean wait = exchange.header("prefer") != null && exchange.header("prefer").startsWith("wait");
        if (wait && !holdSync) {
            jobs.finish(id);
            announce(id);
        }
        exchange.json(201, prediction(id, jobs.peek(id).orElseThrow()));
    }

    private void read(FakeServer.Exchange exchange, String id, boolean advance) throws IOException {
        var job = advance ? jobs.poll(id) : jobs.peek(id);
        if (job.isEmpty()) {
            problem(exchange, 404, "Not found|The requested resource could not be found.");
            return;
        }
        announce(id);
        exchange.json(200, prediction(id, job.get()));
    }

    private ObjectNode prediction(String id, FakeJobs.Job job) {
        JsonNode remembered = created.get(id);
        String model = remembered.path("model").asString();
        ObjectNode out = FakeServer.JSON.createObjectNode().put("id", id).put("model", model)
                .put("version", "hidden");
        out.set("input", remembered.path("input"));
        StringBuilder logs = new StringBuilder();
        for (int step = 1; step <= job.steps(); step++) {
            logs.append("Generating... step ").append(step).append('\n');
        }
        out.put("logs", logs.toString());
        String status = switch (job.phase()) {
            case QUEUED -> "starting";
            case RUNNING -> "processing";
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed";
            case CANCELLED -> "canceled";
        };
        boolean video = model.equals("google/veo-3") || model.equals("minimax/hailuo-02");
        if (job.phase() == FakeJobs.Phase.SUCCEEDED) {
            if (video) {
                out.put("output", server.root() + "/delivery/" + id + "/output.mp4");
            } else {
                int n = remembered.path("input").path("num_outputs").asInt(1);
                var outputs = out.putArray("output");
                for (int i = 0; i < n; i++) {
                    outputs.add(server.root() + "/delivery/" + id + "/out-" + i + ".webp");
                }
            }
        } else {
            out.putNull("output");
        }
        out.put("data_removed", false);
        if (job.phase() == FakeJobs.Phase.FAILED) {
            out.put("error", job.failure().message());
        } else {
            out.putNull("error");
        }
        out.put("status", status);
        out.put("created_at", "2026-11-24T05:00:00.000Z");
        if (job.phase() != FakeJobs.Phase.QUEUED) {
            out.put("started_at", "2026-11-24T05:00:02.000Z");
        }
        ObjectNode urls = out.putObject("urls");
        urls.put("cancel", baseUrl() + "/predictions/" + id + "/cancel").put("get", baseUrl() + "/predictions/" + id)
                .put("web", "https://replicate.com/p/" + id);
        if (job.phase().terminal()) {
            out.put("completed_at", "2026-11-24T05:00:42.000Z");
            out.putObject("metrics").put("predict_time", 40.123).put("total_time", 42.0);
        } else {
            out.putObject("metrics");
        }
        return out;
    }

    /** Records the webhook for a prediction's current phase, once per start and once at its end. */
    private void announce(String id) {
        JsonNode remembered = created.get(id);
        var job = jobs.peek(id);
        if (remembered == null || job.isEmpty() || !remembered.path("webhook").isString()) {
            return;
        }
        FakeJobs.Phase phase = job.get().phase();
        FakeJobs.Phase before = announced.put(id, phase);
        boolean start = before == null;
        boolean completed = phase.terminal() && (before == null || !before.terminal());
        if (!start && !completed) {
            return;
        }
        byte[] body = FakeServer.JSON.writeValueAsBytes(prediction(id, job.get()));
        String webhookId = "msg_" + id + "_" + (completed ? "completed" : "start");
        String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
        String signature = "v1," + Base64.getEncoder().encodeToString(ReplicateWebhooks.sign(WEBHOOK_SECRET, webhookId, timestamp, body));
        webhooks.add(new Webhook(URI.create(remembered.path("webhook").asString()),
                Map.of("webhook-id", webhookId, "webhook-timestamp", timestamp, "webhook-signature", signature,
                        "content-type", "application/json"), body));
        if (start && completed) {
            announced.put(id, phase);
        }
    }

    private static ObjectNode problemBody(int status, String titleAndDetail) {
        String[] parts = titleAndDetail.split("\\|", 2);
        return FakeServer.JSON.createObjectNode().put("title", parts[0]).put("detail", parts[1]).put("status", status);
    }

    private static void problem(FakeServer.Exchange exchange, int status, String titleAndDetail) throws IOException {
        exchange.bytes(status, "application/problem+json", FakeServer.JSON.writeValueAsBytes(problemBody(status, titleAndDetail)));
    }
}
