package io.conduit.provider.runway;

import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.media.FakeJobs;
import io.conduit.provider.testkit.media.FakeServer;
import io.conduit.provider.testkit.media.MediaBytes;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Runway developer API, answering as Runway does: {@code POST /v1/image_to_video} and
 * {@code POST /v1/text_to_video} ({@code {"id": "<uuid>"}}), {@code GET /v1/tasks/{id}}
 * ({@code {"id","createdAt","status"}} plus {@code progress} 0–1 while {@code RUNNING}, {@code output[]}
 * once {@code SUCCEEDED}, {@code failure} and {@code failureCode} when {@code FAILED}), {@code DELETE
 * /v1/tasks/{id}} (204: a pending or running task becomes {@code CANCELLED}, an ended one is deleted and
 * then 404). Output URLs point at this server's {@code /assets/} path, served without the key (a signed
 * URL, as Runway's are). Every API call needs {@code Authorization: Bearer <key>} (else 401) and
 * {@code X-Runway-Version} (else 400); bodies are validated (400 {@code {"error","issues","docUrl"}}).
 *
 * <p>Jobs advance one step per poll ({@link #jobs()}; {@code failNext("SAFETY.INPUT.TEXT", "...")} fails
 * the next task as Runway's moderation does); {@link #throttle(boolean)} reports waiting tasks as
 * {@code THROTTLED} instead of {@code PENDING}; {@link #fail(int)} answers every request with that status.
 *
 * <p>Documentation followed: https://docs.dev.runwayml.com/api/, https://docs.dev.runwayml.com/errors/errors,
 * https://docs.dev.runwayml.com/errors/task-failures/.
 */
public final class FakeRunway implements AutoCloseable {

    static final Set<String> IMAGE_MODELS = Set.of("gen4_turbo", "gen3a_turbo", "gen4.5", "veo3", "veo3.1", "veo3.1_fast");
    static final Set<String> TEXT_MODELS = Set.of("gen4.5", "veo3", "veo3.1", "veo3.1_fast");
    static final Set<String> RATIOS = Set.of("1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672",
            "1280:768", "768:1280", "1080:1920", "1920:1080");

    private final String apiKey;
    private final FakeJobs jobs = new FakeJobs();
    private final AtomicLong seeds = new AtomicLong();
    private final FakeServer server;
    private volatile int videoSize = 2 * 1024 * 1024;
    private volatile int failStatus;
    private volatile boolean throttle;

    public FakeRunway(String apiKey) {
        this.apiKey = apiKey;
        this.server = FakeServer.start("fake-runway", this::handle);
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

    /** Every following request gets this status with Runway's error body (0: none); 429 carries {@code retry-after}. */
    public FakeRunway fail(int status) {
        this.failStatus = status;
        return this;
    }

    /** Whether waiting tasks are reported {@code THROTTLED} (the account's concurrency is used up) rather than {@code PENDING}. */
    public FakeRunway throttle(boolean throttled) {
        this.throttle = throttled;
        return this;
    }

    public FakeRunway videoSize(int bytes) {
        this.videoSize = bytes;
        return this;
    }

    /** The output of a task. */
    public byte[] outputBytes(String taskId) {
        return MediaBytes.mp4(taskId.hashCode(), videoSize);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(FakeServer.Exchange exchange) throws IOException {
        String path = exchange.path();
        if (path.startsWith("/assets/") && exchange.method().equals("GET")) {
            if (exchange.query("_jwt") == null) {
                exchange.bytes(403, "application/xml", "<Error><Code>AccessDenied</Code></Error>".getBytes());
            } else {
                exchange.bytes(200, "video/mp4", outputBytes(path.substring("/assets/".length(), path.length() - ".mp4".length())));
            }
            return;
        }
        if (failStatus > 0) {
            if (failStatus == 429) {
                exchange.responseHeader("retry-after", "5");
            }
            error(exchange, failStatus, switch (failStatus) {
                case 400 -> "Invalid request";
                case 401 -> "Invalid API key";
                case 404 -> "Not found";
                case 429 -> "You have exceeded the rate limit for this API key.";
                case 502, 503 -> "Service temporarily unavailable. Please retry.";
                case 504 -> "Gateway timeout";
                default -> "Internal server error";
            });
            return;
        }
        if (!("Bearer " + apiKey).equals(exchange.header("authorization"))) {
            error(exchange, 401, "Invalid API key");
            return;
        }
        if (exchange.header("x-runway-version") == null) {
            error(exchange, 400, "The X-Runway-Version header is required. Set it to 2024-11-06.");
            return;
        }
        if (path.equals("/v1/image_to_video") || path.equals("/v1/text_to_video")) {
            if (!exchange.method().equals("POST")) {
                error(exchange, 405, "Method not allowed");
                return;
            }
            create(exchange, path.equals("/v1/image_to_video"));
        } else if (path.startsWith("/v1/tasks/")) {
            String id = path.substring("/v1/tasks/".length());
            switch (exchange.method()) {
                case "GET" -> task(exchange, id);
                case "DELETE" -> delete(exchange, id);
                default -> error(exchange, 405, "Method not allowed");
            }
        } else {
            error(exchange, 404, "Not found");
        }
    }

    private void create(FakeServer.Exchange exchange, boolean fromImage) throws IOException {
        JsonNode body = exchange.jsonBody();
        String issue = body == null ? "Expected a JSON body" : issue(body, fromImage);
        if (issue != null) {
            ObjectNode out = FakeServer.JSON.createObjectNode().put("error", "Validation of body failed");
            ArrayNode issues = out.putArray("issues");
            String[] parts = issue.split("\\|", 2);
            issues.addObject().put("code", "invalid_value").put("message", parts[1]).putArray("path").add(parts[0]);
            out.put("docUrl", "https://docs.dev.runwayml.com/api");
            exchange.json(400, out);
            return;
        }
        String id = new UUID(0x17f2L, seeds.incrementAndGet()).toString();
        jobs.submit(id, exchange.request());
        exchange.json(200, FakeServer.JSON.createObjectNode().put("id", id));
    }

    private static String issue(JsonNode body, boolean fromImage) {
        String model = body.path("model").asString("");
        if (!(fromImage ? IMAGE_MODELS : TEXT_MODELS).contains(model)) {
            return "model|Invalid enum value. Expected one of the supported models, received '" + model + "'";
        }
        if (fromImage) {
            String image = body.path("promptImage").asString("");
            if (!image.startsWith("https://") && !image.startsWith("data:image/")) {
                return "promptImage|Invalid input: expected an HTTPS URL or a data URI";
            }
        } else if (body.path("promptText").asString("").isBlank()) {
            return "promptText|Required";
        }
        if (body.path("promptText").asString("").length() > 1000) {
            return "promptText|String must contain at most 1000 character(s)";
        }
        if (!RATIOS.contains(body.path("ratio").asString(""))) {
            return "ratio|Invalid enum value, received '" + body.path("ratio").asString("") + "'";
        }
        JsonNode duration = body.path("duration");
        if (!duration.isMissingNode() && (!duration.isIntegralNumber() || duration.asInt() < 2 || duration.asInt() > 10)) {
            return "duration|Number must be between 2 and 10";
        }
        return null;
    }

    private void task(FakeServer.Exchange exchange, String id) throws IOException {
        var job = jobs.poll(id);
        if (job.isEmpty()) {
            error(exchange, 404, "Task not found");
            return;
        }
        ObjectNode out = FakeServer.JSON.createObjectNode().put("id", id).put("createdAt", Instant.ofEpochSecond(1732406400L).toString());
        switch (job.get().phase()) {
            case QUEUED -> out.put("status", throttle ? "THROTTLED" : "PENDING");
            case RUNNING -> out.put("status", "RUNNING").put("progress", Math.round(job.get().progress() * 1000) / 1000.0);
            case SUCCEEDED -> out.put("status", "SUCCEEDED").putArray("output")
                    .add(server.root() + "/assets/" + id + ".mp4?_jwt=eyJhbGciOiJIUzI1NiJ9.fake.sig");
            case FAILED -> out.put("status", "FAILED").put("failure", job.get().failure().message())
                    .put("failureCode", job.get().failure().code());
            case CANCELLED -> out.put("status", "CANCELLED");
        }
        exchange.json(200, out);
    }

    private void delete(FakeServer.Exchange exchange, String id) throws IOException {
        var job = jobs.peek(id);
        if (job.isEmpty()) {
            error(exchange, 404, "Task not found");
            return;
        }
        if (job.get().phase().terminal()) {
            jobs.remove(id);
        } else {
            jobs.cancel(id);
        }
        exchange.empty(204);
    }

    private static void error(FakeServer.Exchange exchange, int status, String message) throws IOException {
        exchange.json(status, FakeServer.JSON.createObjectNode().put("error", message));
    }
}
