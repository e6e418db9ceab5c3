package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.budget.BudgetState;
import io.conduit.contracts.jobs.JobEvent;
import io.conduit.contracts.jobs.JobOutput;
import io.conduit.contracts.jobs.JobRequest;
import io.conduit.contracts.json.Json;
import io.conduit.contracts.topic.Topics;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.jobs.JobTransitions;
import io.conduit.media.storage.ResultStore;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The public job API end to end on a real server (PostgreSQL, Kafka, S3), with no worker: the test
 * plays the worker by applying job events through {@link JobTransitions} and storing results with
 * {@link ResultStore}, and reads what ingress published to {@code conduit.jobs.requests.v1}.
 */
class JobsApiIT {

    static ConduitServer server;
    static AdminApi admin;
    static JobTransitions transitions;
    static ResultStore results;
    static JobStore store;
    static String video;
    static String image;
    static String tts;
    static String whisper;
    static String chatOnly;
    /** Two keys of group A, one of group B, two keys without a group. */
    static String a1;
    static String a2;
    static String b1;
    static String solo1;
    static String solo2;
    static JobRequestsSeen published;
    static final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    @BeforeAll
    static void start() {
        Map<String, String> env = TestInfrastructure.get().environment("ingress,admin");
        env.put("CONDUIT_INGRESS_JOBS_ASYNC_UPLOAD_THRESHOLD", "100000");
        env.put("CONDUIT_INGRESS_JOBS_RECHECK", "30s"); // change notifications must do the work
        server = ConduitServer.start(env);
        admin = new AdminApi(server.adminPort(), TestInfrastructure.MASTER_KEY);
        transitions = server.context().getBean(JobTransitions.class);
        results = server.context().getBean(ResultStore.class);
        store = server.context().getBean(JobStore.class);
        String openai = admin.provider("openai", "http://127.0.0.1:9/v1", "sk-never-called", Map.of());
        String compatible = admin.provider("http://127.0.0.1:9/v1", "sk-never-called");
        video = admin.alias(openai, "sora-2");
        image = admin.alias(openai, "gpt-image-1");
        tts = admin.alias(openai, "gpt-4o-mini-tts");
        whisper = admin.alias(openai, "whisper-1");
        chatOnly = admin.alias(compatible, "llama");
        String groupA = AdminApi.unique("team-a");
        String groupB = AdminApi.unique("team-b");
        admin.ok("POST", "/api/key-groups", AdminApi.json(Map.of("name", groupA)));
        admin.ok("POST", "/api/key-groups", AdminApi.json(Map.of("name", groupB)));
        a1 = groupKey(groupA);
        a2 = groupKey(groupA);
        b1 = groupKey(groupB);
        solo1 = admin.key();
        solo2 = admin.key();
        for (String key : List.of(a1, a2, b1, solo1, solo2)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> get("/v1/models/" + chatOnly, key).statusCode() == 200);
        }
        published = new JobRequestsSeen();
    }

    @AfterAll
    static void stop() {
        published.close();
        server.close();
    }

    static String groupKey(String group) {
        return admin.ok("POST", "/api/virtual-keys", AdminApi.json(Map.of("name", AdminApi.unique("member"), "key_group", group)))
                .path("key").asString();
    }

    // ---------------------------------------------------------------- videos

    @Test
    void creates_a_video_from_json_and_publishes_its_job() {
        HttpResponse<String> created = post("/v1/videos", a1, "{\"model\":\"" + video + "\",\"prompt\":\"A calm sea\","
                + "\"seconds\":8,\"size\":\"1280x720\",\"webhook_url\":\"https://hooks.example.com/x\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode body = json(created);
        String id = body.path("id").asString();
        assertThat(id).matches("video_[0-9a-f]{32}");
        assertThat(body.path("object").asString()).isEqualTo("video");
        assertThat(body.path("status").asString()).isEqualTo("queued");
        assertThat(body.path("model").asString()).isEqualTo(video);
        assertThat(body.path("seconds").asString()).isEqualTo("8");
        assertThat(body.path("size").asString()).isEqualTo("1280x720");
        assertThat(body.path("prompt").asString()).isEqualTo("A calm sea");
        JobRequest request = published.await(id);
        assertThat(request.alias()).isEqualTo(video);
        assertThat(request.kind()).isEqualTo(io.conduit.contracts.jobs.JobKind.VIDEO);
        assertThat(Json.mapper().readTree(request.body()).path("model").asString()).isEqualTo(video);
        assertThat(request.body()).doesNotContain("webhook_url");
        assertThat(request.requestId()).isEqualTo(created.headers().firstValue("x-request-id").orElseThrow());
    }

    @Test
    void creates_a_video_from_a_form_with_a_reference_image_stored_as_an_input() throws Exception {
        byte[] picture = random(40_000);
        Multipart form = new Multipart().field("model", video).field("prompt", "Animate this").field("seconds", "4")
                .file("input_reference", "ref.png", "image/png", picture);

        HttpResponse<String> created = send(form.post("/v1/videos", a1));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = json(created).path("id").asString();
        JobRequest request = published.await(id);
        assertThat(request.inputs()).containsEntry("input_reference", ResultStore.inputKey(id, "input_reference"));
        assertThat(results.read(ResultStore.inputKey(id, "input_reference"))).isEqualTo(picture);
        JsonNode upload = Json.mapper().readTree(request.body()).path("uploads").path("input_reference");
        assertThat(upload.path("filename").asString()).isEqualTo("ref.png");
        assertThat(upload.path("bytes").asLong()).isEqualTo(picture.length);
        assertThat(store.find(id).orElseThrow().inputs()).containsKey("input_reference");
    }

    @Test
    void lists_videos_newest_first_in_pages() {
        String key = admin.key();
        awaitKnown(key);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(createVideo(key));
        }

        JsonNode first = json(get("/v1/videos?limit=2", key));
        JsonNode second = json(get("/v1/videos?limit=2&after=" + first.path("last_id").asString(), key));
        JsonNode ascending = json(get("/v1/videos?order=asc", key));

        assertThat(first.path("object").asString()).isEqualTo("list");
        assertThat(ids(first)).containsExactly(ids.get(2), ids.get(1));
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(first.path("first_id").asString()).isEqualTo(ids.get(2));
        assertThat(ids(second)).containsExactly(ids.get(0));
        assertThat(second.path("has_more").asBoolean()).isFalse();
        assertThat(ids(ascending)).containsExactly(ids.get(0), ids.get(1), ids.get(2));
        assertThat(ids(json(get("/v1/videos", solo2)))).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void a_completed_video_is_downloaded_through_the_gateway_and_deleted_with_its_files() throws Exception {
        String id = createVideo(a1);
        assertThat(get("/v1/videos/" + id + "/content", a1).statusCode()).as("not ready yet").isEqualTo(404);
        byte[] mp4 = random(300_000);
        complete(id, "video", "video/mp4", mp4);

        JsonNode got = json(get("/v1/videos/" + id, a2));
        HttpResponse<byte[]> content = getBytes("/v1/videos/" + id + "/content?variant=video", a1);
        HttpResponse<String> thumbnail = get("/v1/videos/" + id + "/content?variant=thumbnail", a1);

        assertThat(got.path("status").asString()).isEqualTo("completed");
        assertThat(got.path("progress").asInt()).isEqualTo(100);
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.headers().firstValue("content-type")).contains("video/mp4");
        assertThat(content.body()).isEqualTo(mp4);
        assertError(thumbnail, 404, "not_found");
        assertError(get("/v1/videos/" + id + "/content?variant=poster", a1), 400, "invalid_value");

        HttpResponse<String> deleted = send(request("/v1/videos/" + id, a1).DELETE().build());
        assertThat(json(deleted).path("deleted").asBoolean()).isTrue();
        assertThat(json(deleted).path("object").asString()).isEqualTo("video.deleted");
        assertThat(json(deleted).path("id").asString()).isEqualTo(id);
        assertError(get("/v1/videos/" + id, a1), 404, "not_found");
        assertThat(results.size(ResultStore.resultKey(id, "video"))).isEqualTo(-1);
        assertThat(ids(json(get("/v1/videos?limit=100", a1)))).doesNotContain(id);
    }

    // ---------------------------------------------------------------- jobs

    @Test
    void events_stream_each_change_in_order_and_end_after_the_last() throws Exception {
        String id = createVideo(a1);
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stream = http.sendAsync(request("/v1/jobs/" + id + "/events", a2).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
                    response.body().forEach(lines::add);
                });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: job.queued"));

        apply(id, JobEvent.Type.SUBMITTED, null, List.of());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: job.in_progress"));
        apply(id, JobEvent.Type.PROGRESS, 40, List.of());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: job.progress"));
        complete(id, "video", "video/mp4", random(1000));
        stream.get(10, TimeUnit.SECONDS);

        assertThat(lines.stream().filter(l -> l.startsWith("event: ")))
                .containsExactly("event: job.queued", "event: job.in_progress", "event: job.progress", "event: job.completed");
        assertThat(lines.stream().filter(l -> l.startsWith("id: "))).containsExactly("id: 0", "id: 1", "id: 2", "id: 3");
        List<JsonNode> data = lines.stream().filter(l -> l.startsWith("data: ")).map(l -> Json.mapper().readTree(l.substring(6)))
                .toList();
        assertThat(data.get(2).path("progress").asInt()).isEqualTo(40);
        assertThat(data.get(3).path("outputs").get(0).path("name").asString()).isEqualTo("video");

        List<String> resumed = new ArrayList<>();
        HttpResponse<Stream<String>> again = http.send(request("/v1/jobs/" + id + "/events", a1).header("Last-Event-ID", "2")
                .build(), HttpResponse.BodyHandlers.ofLines());
        again.body().forEach(resumed::add);
        assertThat(resumed.stream().filter(l -> l.startsWith("event: "))).containsExactly("event: job.completed");
    }

    @Test
    void a_long_poll_answers_when_the_job_ends() throws Exception {
        String id = createVideo(a1);
        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(request("/v1/jobs/" + id + "?wait=30", a1).build(),
                HttpResponse.BodyHandlers.ofString());
        // still waiting while the job runs
        Awaitility.await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> !poll.isDone());

        complete(id, "video", "video/mp4", random(100));
        HttpResponse<String> answered = poll.get(15, TimeUnit.SECONDS);

        JsonNode job = json(answered);
        assertThat(job.path("object").asString()).isEqualTo("job");
        assertThat(job.path("status").asString()).isEqualTo("completed");
        assertThat(job.path("kind").asString()).isEqualTo("video");
        assertThat(json(get("/v1/jobs/" + id + "?wait=0", a1)).path("status").asString()).isEqualTo("completed");
        HttpResponse<byte[]> content = getBytes("/v1/jobs/" + id + "/content?output=video", a1);
        assertThat(content.body()).hasSize(100);
        assertError(get("/v1/jobs/" + id + "/content?output=thumbnail", a1), 404, "not_found");
    }

    @Test
    void a_long_poll_of_a_running_job_answers_after_the_wait_as_it_stands() {
        String id = createVideo(a1);
        long started = System.nanoTime();

        JsonNode job = json(get("/v1/jobs/" + id + "?wait=1", a1));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it waited").isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(job.path("status").asString()).isEqualTo("queued");
    }

    @Test
    void cancels_a_queued_job_at_once_and_refuses_to_cancel_an_ended_one() throws Exception {
        String queued = createVideo(a1);
        String running = createVideo(a1);
        apply(running, JobEvent.Type.SUBMITTED, null, List.of());
        String done = createVideo(a1);
        complete(done, "video", "video/mp4", random(10));

        JsonNode cancelled = json(post("/v1/jobs/" + queued + "/cancel", a2, ""));
        JsonNode asked = json(post("/v1/jobs/" + running + "/cancel", a1, ""));

        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("error").path("code").asString()).isEqualTo("cancelled");
        assertThat(json(get("/v1/videos/" + queued, a1)).path("status").asString()).as("the Videos API has no cancelled")
                .isEqualTo("failed");
        assertThat(asked.path("status").asString()).as("the worker stops it").isEqualTo("in_progress");
        assertThat(asked.path("cancel_requested").asBoolean()).isTrue();
        assertThat(store.find(running).orElseThrow().cancelRequestedAt()).isNotNull();
        assertError(post("/v1/jobs/" + done + "/cancel", a1, ""), 409, "job_not_cancellable");
        assertError(post("/v1/jobs/" + queued + "/cancel", a1, ""), 409, "job_not_cancellable");
    }

    @Test
    void another_groups_key_sees_no_job_at_all() {
        String id = createVideo(a1);
        complete(id, "video", "video/mp4", random(10));
        String solo = createVideo(solo1);

        for (String[] call : List.of(new String[] {"GET", "/v1/videos/" + id}, new String[] {"GET", "/v1/videos/" + id + "/content"},
                new String[] {"DELETE", "/v1/videos/" + id}, new String[] {"GET", "/v1/jobs/" + id},
                new String[] {"GET", "/v1/jobs/" + id + "/events"}, new String[] {"POST", "/v1/jobs/" + id + "/cancel"},
                new String[] {"GET", "/v1/jobs/" + id + "/content?output=video"}, new String[] {"GET", "/v1/jobs/" + solo},
                new String[] {"GET", "/v1/jobs/video_00000000000000000000000000000000"})) {
            String other = call[1].contains(solo) ? solo2 : b1;
            HttpResponse<String> response = send(request(call[1], other)
                    .method(call[0], HttpRequest.BodyPublishers.noBody()).build());
            assertError(response, 404, "not_found");
        }
        assertThat(ids(json(get("/v1/videos?limit=100", b1)))).doesNotContain(id);
        assertError(get("/v1/videos?after=" + id, b1), 400, "invalid_value");
        assertThat(get("/v1/jobs/" + id, a2).statusCode()).as("same group").isEqualTo(200);
        assertThat(get("/v1/jobs/" + solo, solo1).statusCode()).isEqualTo(200);
    }

    @Test
    void bad_input_is_a_clear_4xx() {
        assertError(post("/v1/videos", a1, "{\"model\":\"" + video + "\"}"), 400, "missing_required_parameter");
        assertError(post("/v1/videos", a1, "{\"model\":\"" + video + "\",\"prompt\":\"x\",\"seconds\":5}"), 400, "invalid_value");
        assertError(post("/v1/videos", a1, "{\"model\":\"" + video + "\",\"prompt\":\"x\",\"size\":\"1x1\"}"), 400, "invalid_value");
        assertError(post("/v1/videos", a1, "{\"model\":\"" + video + "\",\"prompt\":\"x\",\"webhook_url\":\"file:///etc\"}"), 400,
                "invalid_value");
        assertError(post("/v1/videos", a1, "{\"model\":\"" + video + "\",\"prompt\":"), 400, "invalid_json");
        assertError(post("/v1/videos", a1, "{\"model\":\"nope-" + AdminApi.unique("x") + "\",\"prompt\":\"x\"}"), 404,
                "model_not_found");
        assertError(post("/v1/videos", a1, "{\"model\":\"" + chatOnly + "\",\"prompt\":\"x\"}"), 400, "unsupported_operation");
        assertError(post("/v1/videos", null, "{\"model\":\"" + video + "\",\"prompt\":\"x\"}"), 401, "missing_api_key");
        assertError(get("/v1/videos?limit=0", a1), 400, "invalid_value");
        assertError(get("/v1/videos?order=sideways", a1), 400, "invalid_value");
        assertError(get("/v1/jobs/job_x?wait=99", a1), 400, "invalid_value");
        assertError(post("/v1/images/generations", a1, "{\"model\":\"" + image + "\",\"prompt\":\"x\",\"n\":50}"), 400,
                "invalid_value");
        assertError(post("/v1/audio/speech", a1, "{\"model\":\"" + tts + "\",\"input\":\"hi\"}"), 400,
                "missing_required_parameter");
        assertError(post("/v1/audio/transcriptions", a1, "{\"model\":\"" + whisper + "\"}"), 400, "invalid_content_type");
        HttpResponse<String> cut = send(request("/v1/videos", a1)
                .header("content-type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nhal"))
                .build());
        assertError(cut, 400, "invalid_multipart");
        assertError(send(new Multipart().field("model", whisper).post("/v1/audio/transcriptions", a1)), 400,
                "missing_required_parameter");
    }

    @Test
    void a_key_over_its_budget_creates_no_job() throws Exception {
        JsonNode key = admin.ok("POST", "/api/virtual-keys", "{\"name\":\"" + AdminApi.unique("spent") + "\"}");
        admin.ok("POST", "/api/budgets", AdminApi.json(Map.of("scope", "key", "scope_id", key.path("id").asString(),
                "amount_usd", "1.00", "period", "monthly")));
        String scopeKey = BudgetState.key("key", key.path("id").asString());
        BudgetState spent = BudgetState.empty("key", key.path("id").asString(), ZoneOffset.UTC).plus(1_200_000, Instant.now());
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrap()), Topics.BUDGET_STATE.keySerde().serializer(),
                Topics.BUDGET_STATE.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.BUDGET_STATE.name(), scopeKey, spent)).get();
        }
        String plaintext = key.path("key").asString();
        awaitKnown(plaintext);

        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> post("/v1/videos", plaintext, "{\"model\":\"" + video + "\",\"prompt\":\"x\"}").statusCode() == 429);
        String requestId = AdminApi.unique("refused");
        HttpResponse<String> refused = post("/v1/images/generations", plaintext, "{\"model\":\"" + image + "\",\"prompt\":\"x\"}",
                "x-request-id", requestId);

        assertError(refused, 429, "budget_exceeded");
        Awaitility.await("no job was published").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> !published.seen(requestId));
    }

    @Test
    void a_job_kafka_does_not_take_fails_at_once_and_the_client_gets_a_503() throws Exception {
        Map<String, String> env = TestInfrastructure.get().environment("ingress");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        env.put("CONDUIT_INGRESS_JOBS_PUBLISH_TIMEOUT", "1s");
        try (ConduitServer cut = ConduitServer.start(env)) {
            String base = "http://127.0.0.1:" + cut.ingressPort();
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(base + "/v1/videos"))
                    .header("Authorization", "Bearer " + a1).header("content-type", "application/json")
                    .header("x-request-id", "kafka-down-" + System.nanoTime())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + video + "\",\"prompt\":\"x\"}")).build());

            assertError(refused, 503, "unavailable");
            assertThat(refused.headers().firstValue("retry-after")).isPresent();
            String requestId = refused.headers().firstValue("x-request-id").orElseThrow();
            JsonNode failed = null;
            for (JsonNode item : json(get("/v1/videos?limit=100", a1)).path("data")) {
                var job = store.find(item.path("id").asString()).orElseThrow();
                if (requestId.equals(job.requestId())) {
                    failed = item;
                }
            }
            assertThat(failed).as("the job is recorded, and failed: nothing stays queued").isNotNull();
            assertThat(failed.path("status").asString()).isEqualTo("failed");
            assertThat(failed.path("error").path("code").asString()).isEqualTo("unavailable");
        }
    }

    // ---------------------------------------------------------------- images and audio

    @Test
    void a_synchronous_image_generation_answers_once_the_job_completes() throws Exception {
        String requestId = AdminApi.unique("img");
        byte[] png = random(5000);
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request("/v1/images/generations", a1)
                .header("x-request-id", requestId).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + image + "\",\"prompt\":\"a fox\",\"n\":2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JobRequest job = published.awaitByRequestId(requestId);
        assertThat(job.jobId()).matches("job_[0-9a-f]{32}");
        assertThat(call).isNotDone();

        byte[] second = random(77);
        apply(job.jobId(), JobEvent.Type.SUBMITTED, null, List.of());
        results.put(ResultStore.resultKey(job.jobId(), "image_0"), "image/png", png);
        results.put(ResultStore.resultKey(job.jobId(), "image_1"), "image/png", second);
        apply(job.jobId(), JobEvent.Type.COMPLETED, null, List.of(
                new JobOutput("image_1", ResultStore.resultKey(job.jobId(), "image_1"), "image/png", second.length),
                new JobOutput("image_0", ResultStore.resultKey(job.jobId(), "image_0"), "image/png", png.length)));
        HttpResponse<String> answered = call.get(15, TimeUnit.SECONDS);

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode body = json(answered);
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("data")).hasSize(2);
        assertThat(Base64.getDecoder().decode(body.path("data").get(0).path("b64_json").asString()))
                .as("gpt-image models answer base64 by default").isEqualTo(png);
        assertThat(Base64.getDecoder().decode(body.path("data").get(1).path("b64_json").asString())).isEqualTo(second);
    }

    @Test
    void an_image_as_url_is_a_presigned_link_to_the_stored_result() throws Exception {
        String requestId = AdminApi.unique("img");
        byte[] png = random(3000);
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request("/v1/images/generations", a1)
                .header("x-request-id", requestId).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + image + "\",\"prompt\":\"a fox\","
                        + "\"response_format\":\"url\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String id = published.awaitByRequestId(requestId).jobId();

        complete(id, "image_0", "image/png", png);
        JsonNode body = json(call.get(15, TimeUnit.SECONDS));

        String url = body.path("data").get(0).path("url").asString();
        assertThat(url).contains(id + "/image_0");
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(png);
    }

    @Test
    void a_failed_image_job_is_the_providers_error() throws Exception {
        String requestId = AdminApi.unique("img");
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request("/v1/images/generations", a1)
                .header("x-request-id", requestId).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + image + "\",\"prompt\":\"forbidden\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = published.awaitByRequestId(requestId).jobId();

        transitions.apply(new JobEvent(id + ":failed", id, JobEvent.Type.FAILED, Instant.now(), "openai", "gpt-image-1", null,
                null, List.of(), null, 0, 0, "content_policy_violation", "Your request was rejected by the safety system.",
                "test-worker"));

        HttpResponse<String> answered = call.get(15, TimeUnit.SECONDS);
        assertError(answered, 400, "content_policy_violation");
        assertThat(json(answered).path("error").path("message").asString()).contains("safety system");
    }

    @Test
    void respond_async_answers_202_with_the_job_to_follow() {
        HttpResponse<String> accepted = post("/v1/images/generations", a1, "{\"model\":\"" + image + "\",\"prompt\":\"x\"}",
                "Prefer", "respond-async");

        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode job = json(accepted);
        assertThat(job.path("object").asString()).isEqualTo("job");
        assertThat(job.path("status").asString()).isEqualTo("queued");
        assertThat(job.path("kind").asString()).isEqualTo("image");
        assertThat(accepted.headers().firstValue("preference-applied")).contains("respond-async");
        assertThat(accepted.headers().firstValue("location")).contains("/v1/jobs/" + job.path("id").asString());
        published.await(job.path("id").asString());
    }

    @Test
    void asynchronous_speech_is_a_job_whose_audio_is_downloaded_after() throws Exception {
        byte[] mp3 = random(20_000);
        HttpResponse<String> accepted = http.send(request("/v1/audio/speech", a1).header("content-type", "application/json")
                .header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + tts + "\",\"input\":\"Hello\",\"voice\":\"alloy\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = Json.mapper().readTree(accepted.body()).path("id").asString();
        assertThat(published.await(id).kind()).isEqualTo(io.conduit.contracts.jobs.JobKind.SPEECH);

        complete(id, "audio", "audio/mpeg", mp3);
        HttpResponse<byte[]> audio = http.send(request("/v1/jobs/" + id + "/content?output=audio", a1).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("content-type")).contains("audio/mpeg");
        assertThat(audio.body()).isEqualTo(mp3);
    }

    @Test
    void a_transcription_is_synchronous_for_small_files_and_a_job_for_large_ones() throws Exception {
        String requestId = AdminApi.unique("stt");
        byte[] audio = random(2000);
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(new Multipart().field("model", whisper)
                .field("response_format", "json").file("file", "hello.mp3", "audio/mpeg", audio)
                .post("/v1/audio/transcriptions", a1).header("x-request-id", requestId).build(), HttpResponse.BodyHandlers.ofString());
        JobRequest request = published.awaitByRequestId(requestId);
        assertThat(results.read(request.inputs().get("file"))).isEqualTo(audio);
        assertThat(Json.mapper().readTree(request.body()).path("uploads").path("file").path("filename").asString())
                .isEqualTo("hello.mp3");

        complete(request.jobId(), "transcript", "application/json", "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answered = call.get(15, TimeUnit.SECONDS);

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(json(answered).path("text").asString()).isEqualTo("hello");

        HttpResponse<String> large = send(new Multipart().field("model", whisper)
                .file("file", "long.mp3", "audio/mpeg", random(150_000)).post("/v1/audio/translations", a1));
        assertThat(large.statusCode()).isEqualTo(202);
        assertThat(json(large).path("kind").asString()).isEqualTo("translation");
        published.await(json(large).path("id").asString());
    }

    // ---------------------------------------------------------------- the worker's part, played by the test

    static String createVideo(String key) {
        HttpResponse<String> created = post("/v1/videos", key, "{\"model\":\"" + video + "\",\"prompt\":\"A test clip\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = json(created).path("id").asString();
        published.await(id);
        return id;
    }

    static void apply(String id, JobEvent.Type type, Integer progress, List<JobOutput> outputs) {
        try {
            String alias = store.find(id).orElseThrow().alias();
            String providerModel = alias.equals(image) ? "gpt-image-1" : alias.equals(video) ? "sora-2" : "model";
            transitions.apply(new JobEvent(id + ":" + type + ":" + progress, id, type, Instant.now(), "openai", providerModel,
                    "task-" + id, progress, outputs, null, 0, 0, null, null, "test-worker"));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores one output and completes the job with it (submitting it first when still queued). */
    static void complete(String id, String name, String contentType, byte[] bytes) {
        apply(id, JobEvent.Type.SUBMITTED, null, List.of());
        String key = ResultStore.resultKey(id, name);
        results.put(key, contentType, bytes);
        apply(id, JobEvent.Type.COMPLETED, null, List.of(new JobOutput(name, key, contentType, bytes.length)));
    }

    // ---------------------------------------------------------------- HTTP

    static HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ingressPort() + path))
                .timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    static HttpResponse<String> post(String path, String key, String body, String... headers) {
        HttpRequest.Builder builder = request(path, key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    static HttpResponse<String> get(String path, String key) {
        return send(request(path, key).build());
    }

    static HttpResponse<byte[]> getBytes(String path, String key) throws Exception {
        return http.send(request(path, key).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.mapper().readTree(response.body());
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode error = json(response).path("error");
        assertThat(error.path("code").asString()).as(response.body()).isEqualTo(code);
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.has("type")).isTrue();
    }

    static void awaitKnown(String key) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/v1/models", key).statusCode() == 200);
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size * 31L + System.nanoTime()).nextBytes(bytes);
        return bytes;
    }

    /** A multipart/form-data body, as an SDK sends it. */
    static final class Multipart {
        private final String boundary = "----conduit" + Long.toHexString(System.nanoTime());
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Multipart file(String name, String filename, String type, byte[] bytes) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        HttpRequest.Builder post(String path, String key) {
            ByteArrayOutputStream complete = new ByteArrayOutputStream();
            complete.writeBytes(body.toByteArray());
            complete.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return request(path, key).header("content-type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(complete.toByteArray()));
        }
    }

    /**
     * Every {@link JobRequest} on {@code conduit.jobs.requests.v1} published since this started, read by a
     * background consumer (other tests share the topic, and some publish unreadable records on purpose).
     */
    static final class JobRequestsSeen implements AutoCloseable {
        private final Map<String, JobRequest> byJob = new ConcurrentHashMap<>();
        private final Map<String, JobRequest> byRequestId = new ConcurrentHashMap<>();
        private final Thread reader;
        private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean running = true;

        JobRequestsSeen() {
            Map<String, Object> config = new HashMap<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            reader = Thread.ofPlatform().daemon().start(() -> {
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config,
                        Topics.JOB_REQUESTS.keySerde().deserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                    List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_REQUESTS.name()).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position);
                    ready.countDown();
                    while (running) {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                            JobRequest request;
                            try {
                                request = Topics.JOB_REQUESTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                            } catch (RuntimeException e) {
                                return; // another test's unreadable record
                            }
                            assertThat(r.key()).isEqualTo(request.jobId());
                            byJob.put(r.key(), request);
                            if (request.requestId() != null) {
                                byRequestId.put(request.requestId(), request);
                            }
                        });
                    }
                }
            });
            try {
                assertThat(ready.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("request reader positioned").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        JobRequest await(String jobId) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> byJob.containsKey(jobId));
            return byJob.get(jobId);
        }

        boolean seen(String requestId) {
            return byRequestId.containsKey(requestId);
        }

        JobRequest awaitByRequestId(String requestId) {
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> byRequestId.containsKey(requestId));
            return byRequestId.get(requestId);
        }

        @Override
        public void close() {
            running = false;
        }
    }
}
