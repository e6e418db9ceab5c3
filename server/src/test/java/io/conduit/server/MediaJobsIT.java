package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobRequest;
import io.conduit.contracts.jobs.JobState;
import io.conduit.contracts.topic.Topics;
import io.conduit.contracts.usage.UsageEvent;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.jobs.JobUsage;
import io.conduit.media.storage.ResultStore;
import io.conduit.provider.openai.fake.FakeOpenAiVideos;
import io.conduit.server.infra.ObjectStore;
import io.conduit.server.settings.S3Settings;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.ConduitProcess;
import io.conduit.server.support.SpendData;
import io.conduit.server.support.TestInfrastructure;
import io.conduit.server.support.UsageEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Media jobs end to end on real Kafka, PostgreSQL and S3, with workers as separate processes and a
 * fake of OpenAI's Videos API: jobs are created through {@code POST /v1/videos} (ingress, admin,
 * media-jobs and the ledger run in this JVM), run by the workers, applied by media-jobs, and priced
 * by the ledger. Dead letters and retention are driven through the tables directly.
 */
class MediaJobsIT {

    static final String PROVIDER_KEY = "sk-video-test";
    static final int VIDEO_BYTES = 256 * 1024;

    static ConduitServer control;
    static FakeOpenAiVideos fake;
    static AdminApi admin;
    static JobStore jobs;
    static ResultStore results;
    static KafkaProducer<String, JobRequest> requests;
    static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOpenAiVideos(PROVIDER_KEY, 25, VIDEO_BYTES).start();
        Map<String, String> env = TestInfrastructure.get().environment("admin,ingress,media-jobs,ledger");
        env.put("CONDUIT_LEDGER_APPLICATION_ID", "media-jobs-ledger-" + UUID.randomUUID());
        env.put("CONDUIT_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        env.put("CONDUIT_WEBHOOKS_POLL_INTERVAL", "100ms");
        env.put("CONDUIT_DATA_DIR", Files.createTempDirectory("media-jobs-control").toString());
        control = ConduitServer.start(env);
        admin = new AdminApi(control.adminPort(), TestInfrastructure.MASTER_KEY);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestInfrastructure.get().jdbcUrl());
        dataSource.setUser(TestInfrastructure.get().dbUser());
        dataSource.setPassword(TestInfrastructure.get().dbPassword());
        jobs = new JobStore(dataSource);
        S3Settings settings = new S3Settings(env.get("CONDUIT_S3_ENDPOINT"), "us-east-1", "conduit",
                env.get("CONDUIT_S3_ACCESS_KEY"), env.get("CONDUIT_S3_SECRET_KEY"), true);
        s3 = ObjectStore.client(settings);
        results = new ResultStore(s3, ObjectStore.presigner(settings), "conduit");
        requests = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), Topics.JOB_REQUESTS.keySerde().serializer(),
                Topics.JOB_REQUESTS.valueSerde().serializer());
    }

    @AfterAll
    static void stop() {
        if (requests != null) {
            requests.close();
        }
        if (control != null) {
            control.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    static Map<String, String> workerEnvironment() {
        Map<String, String> env = new HashMap<>(TestInfrastructure.get().environment("workers"));
        env.put("CONDUIT_WORKERS_POLL_INTERVAL", "200ms");
        env.put("CONDUIT_WORKERS_BACKOFF", "100ms");
        return env;
    }

    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** A virtual key that ingress already knows, and the alias visible to it. */
    static String keyFor(String alias) {
        String key = admin.key();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> call("GET", "/v1/models/" + alias, key, null).statusCode() == 200);
        return key;
    }

    static java.net.http.HttpResponse<String> call(String method, String path, String key, String json) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + control.ingressPort() + path))
                .header("Authorization", "Bearer " + key).header("content-type", "application/json")
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /v1/videos} as a client does; returns the job's id. */
    static String submitVideo(String alias, String key, String prompt) throws Exception {
        return submitVideo(alias, key, prompt, null);
    }

    static String submitVideo(String alias, String key, String prompt, String webhookUrl) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("model", alias, "prompt", prompt, "seconds", "8", "size", "1280x720"));
        if (webhookUrl != null) {
            body.put("webhook_url", webhookUrl);
        }
        var response = call("POST", "/v1/videos", key, AdminApi.json(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return io.conduit.contracts.json.Json.mapper().readTree(response.body()).path("id").asString();
    }

    static boolean allEnded(List<String> ids) throws Exception {
        for (String id : ids) {
            if (!jobs.find(id).orElseThrow().state().terminal()) {
                return false;
            }
        }
        return true;
    }

    /** Terminal states recorded in a job's history (exactly one is expected). */
    static List<String> terminalHistory(String id) throws Exception {
        try (Connection c = DriverManager.getConnection(TestInfrastructure.get().jdbcUrl(), TestInfrastructure.get().dbUser(),
                TestInfrastructure.get().dbPassword());
                PreparedStatement select = c.prepareStatement("select state from job_history where job_id = ?"
                        + " and state in ('completed', 'failed', 'cancelled')")) {
            select.setString(1, id);
            List<String> states = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    states.add(rows.getString(1));
                }
            }
            return states;
        }
    }

    @Test
    void two_hundred_jobs_complete_once_each_although_a_worker_is_killed_mid_job() throws Exception {
        String provider = admin.provider("openai", fake.baseUrl().toString(), PROVIDER_KEY, Map.of());
        String alias = admin.alias(provider, "sora-2");
        String apiKey = keyFor(alias);
        // the reference table has no video prices: an operator's, $0.10 a second at 1280x720
        admin.ok("PUT", "/api/prices/sora-2", "{\"media\":{\"video\":"
                + "[{\"resolution\":\"1280x720\",\"per_second\":\"0.10\"}]}}");
        Path dir = Files.createTempDirectory("media-workers");
        List<String> ids = new ArrayList<>();
        Map<String, String> promptOf = new HashMap<>();
        try (ConduitProcess first = ConduitProcess.start(workerEnvironment(), dir.resolve("a"), dir.resolve("a.log"), -1, "-Xmx384m");
                ConduitProcess second = ConduitProcess.start(workerEnvironment(), dir.resolve("b"), dir.resolve("b.log"), -1, "-Xmx384m")) {
            for (int i = 0; i < 200; i++) {
                String prompt = "a lighthouse at dusk, take " + i + " " + UUID.randomUUID();
                String id = submitVideo(alias, apiKey, prompt);
                ids.add(id);
                promptOf.put(id, prompt);
            }
            Set<String> prompts = Set.copyOf(promptOf.values());
            // every job is at the provider, and most are still running there: kill one worker outright
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() ->
                    fake.submissions().stream().filter(s -> prompts.contains(s.prompt())).count() == ids.size());
            int endedBeforeKill = (int) ids.stream().filter(id -> {
                try {
                    return jobs.find(id).orElseThrow().state().terminal();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).count();
            first.kill();
            assertThat(endedBeforeKill).as("jobs ended before the kill").isLessThan(ids.size());

            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> allEnded(ids));
        }

        Map<String, Long> submissionsPerPrompt = fake.submissions().stream()
                .collect(Collectors.groupingBy(FakeOpenAiVideos.Submission::prompt, Collectors.counting()));
        for (String id : ids) {
            Job job = jobs.find(id).orElseThrow();
            assertThat(job.state()).as("job %s (%s)", id, job.errorMessage()).isEqualTo(JobState.COMPLETED);
            assertThat(submissionsPerPrompt.get(promptOf.get(id))).as("provider submissions of %s", id).isEqualTo(1L);
            assertThat(job.submissions()).isEqualTo(1);
            assertThat(terminalHistory(id)).containsExactly("completed");
            assertThat(job.output("video")).hasValueSatisfying(video -> {
                assertThat(video.bytes()).isEqualTo(VIDEO_BYTES);
                assertThat(results.size(video.objectKey())).isEqualTo(VIDEO_BYTES);
            });
        }
        // one stored object per job, and it is the provider's
        String sample = ids.getFirst();
        Job first = jobs.find(sample).orElseThrow();
        assertThat(results.read(first.output("video").orElseThrow().objectKey())).isEqualTo(fake.content(first.providerTaskId()));

        try (UsageEvents usage = new UsageEvents(TestInfrastructure.get().kafkaBootstrap())) {
            Set<String> usageIds = ids.stream().map(JobUsage::usageId).collect(Collectors.toSet());
            List<UsageEvent> events = usage.await(e -> usageIds.contains(e.id()), ids.size());
            Map<String, UsageEvent> byId = events.stream().collect(Collectors.toMap(UsageEvent::id, Function.identity(), (a, b) -> a));
            assertThat(byId).hasSize(ids.size());
            assertThat(byId.values()).allSatisfy(e -> {
                assertThat(e.endpoint()).isEqualTo("videos");
                assertThat(e.media().videoSeconds()).isEqualTo(8);
                assertThat(e.media().videoResolution()).isEqualTo("1280x720");
                assertThat(e.outcome().wireName()).isEqualTo("ok");
            });
        }
        // priced by the ledger: 8 seconds at $0.10, once per job
        Set<String> usageIds = ids.stream().map(JobUsage::usageId).collect(Collectors.toSet());
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> SpendData.fromTopic(r -> usageIds.contains(r.id())).size() == ids.size());
        assertThat(SpendData.fromTopic(r -> usageIds.contains(r.id())).values()).allSatisfy(r -> {
            assertThat(r.totalMicros()).isEqualTo(800_000);
            assertThat(r.unpriced()).isFalse();
        });
    }

    @Test
    void a_provider_failure_fails_the_job_with_the_providers_reason_and_a_cancelled_job_stops() throws Exception {
        FakeOpenAiVideos failing = new FakeOpenAiVideos(PROVIDER_KEY, 40, 1024).start();
        Path dir = Files.createTempDirectory("media-workers-failure");
        try (failing; ConduitProcess worker = ConduitProcess.start(workerEnvironment(), dir.resolve("w"), dir.resolve("w.log"), -1,
                "-Xmx384m")) {
            String alias = admin.alias(admin.provider("openai", failing.baseUrl().toString(), PROVIDER_KEY, Map.of()), "sora-2");
            String apiKey = keyFor(alias);

            String secret = admin.ok("POST", "/api/webhooks/secret/rotate", "{\"grace_period_seconds\":0}").path("secret").asString();
            assertThat(secret).startsWith("whsec_");
            List<com.sun.net.httpserver.Headers> hookHeaders = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<byte[]> hookBodies = new java.util.concurrent.CopyOnWriteArrayList<>();
            com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            receiver.createContext("/hooks", exchange -> {
                hookHeaders.add(exchange.getRequestHeaders());
                hookBodies.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            failing.failNewVideos("moderation_blocked", "Your request was blocked by our moderation system.");
            String failed = submitVideo(alias, apiKey, "something the moderator refuses",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> jobs.find(failed).orElseThrow().state().terminal());
            Job job = jobs.find(failed).orElseThrow();
            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(job.errorCode()).isEqualTo("moderation_blocked");
            assertThat(job.errorMessage()).isEqualTo("Your request was blocked by our moderation system.");
            // its signed webhook
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> !hookBodies.isEmpty());
            receiver.stop(0);
            com.sun.net.httpserver.Headers h = hookHeaders.getFirst();
            new com.standardwebhooks.Webhook(secret).verify(new String(hookBodies.getFirst(), java.nio.charset.StandardCharsets.UTF_8),
                    Map.of("webhook-id", List.of(h.getFirst("webhook-id")), "webhook-timestamp", List.of(h.getFirst("webhook-timestamp")),
                            "webhook-signature", List.of(h.getFirst("webhook-signature"))));
            assertThat(h.getFirst("webhook-id")).isEqualTo(failed + ":failed");
            var payload = io.conduit.contracts.json.Json.mapper().readTree(hookBodies.getFirst());
            assertThat(payload.path("type").asString()).isEqualTo("video.failed");
            assertThat(payload.path("data").path("id").asString()).isEqualTo(failed);
            assertThat(payload.path("data").path("error").path("code").asString()).isEqualTo("moderation_blocked");

            failing.failNewVideos(null, null);
            String cancelled = submitVideo(alias, apiKey, "a long take that gets cancelled");
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jobs.find(cancelled).orElseThrow().progress() != null);
            var cancel = call("POST", "/v1/jobs/" + cancelled + "/cancel", apiKey, null);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jobs.find(cancelled).orElseThrow().state().terminal());
            Job stopped = jobs.find(cancelled).orElseThrow();
            assertThat(stopped.state()).isEqualTo(JobState.CANCELLED);
            assertThat(stopped.outputs()).isEmpty();
            assertThat(terminalHistory(cancelled)).containsExactly("cancelled");
        }
    }

    @Test
    void requests_no_worker_can_run_are_dead_lettered_shown_to_operators_and_redriven() throws Exception {
        String alias = admin.alias(admin.provider("openai", fake.baseUrl().toString(), PROVIDER_KEY, Map.of()), "sora-2");
        String keyId = UUID.randomUUID().toString();
        Path dir = Files.createTempDirectory("media-workers-dlq");
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.get().kafkaBootstrap()), new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer());
                ConduitProcess worker = ConduitProcess.start(workerEnvironment(), dir.resolve("w"), dir.resolve("w.log"), -1, "-Xmx384m")) {
            String garbled = "garbled-" + UUID.randomUUID();
            raw.send(new ProducerRecord<>(Topics.JOB_REQUESTS.name(), garbled, "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
            // a request whose job row is not there (yet): no worker can run it
            String early = "video_" + UUID.randomUUID().toString().replace("-", "");
            String body = AdminApi.json(Map.of("model", alias, "prompt", "early bird " + early, "seconds", "4", "size", "1280x720"));
            Instant now = Instant.now();
            requests.send(new ProducerRecord<>(Topics.JOB_REQUESTS.name(), early,
                    new JobRequest(early, JobKind.VIDEO, keyId, null, alias, "req-" + early, body, Map.of(), now, 0))).get();

            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
                var data = admin.ok("GET", "/api/jobs/dead-letters", null).path("data");
                boolean sawEarly = false;
                boolean sawGarbled = false;
                for (var letter : data) {
                    sawEarly |= early.equals(letter.path("job_id").asString());
                    sawGarbled |= garbled.equals(letter.path("job_id").asString());
                }
                return sawEarly && sawGarbled;
            });
            var letters = admin.ok("GET", "/api/jobs/dead-letters", null).path("data");
            long garbledOffset = -1;
            long earlyOffset = -1;
            for (var letter : letters) {
                if (garbled.equals(letter.path("job_id").asString())) {
                    garbledOffset = letter.path("offset").asLong();
                    assertThat(letter.path("raw").asString()).isEqualTo("{not json");
                }
                if (early.equals(letter.path("job_id").asString())) {
                    earlyOffset = letter.path("offset").asLong();
                    assertThat(letter.path("reason").asString()).contains("no job");
                    assertThat(letter.path("kind").asString()).isEqualTo("video");
                }
            }
            assertThat(admin.send("POST", "/api/jobs/dead-letters/" + garbledOffset + "/redrive", null).statusCode()).isEqualTo(400);
            assertThat(admin.send("POST", "/api/jobs/dead-letters/99999999/redrive", null).statusCode()).isEqualTo(404);

            // the job's row exists now: redriven, it runs
            jobs.create(Job.queued(early, JobKind.VIDEO, keyId, null, alias, "req-" + early, body, Map.of(), null, now));
            assertThat(admin.ok("POST", "/api/jobs/dead-letters/" + earlyOffset + "/redrive", null).path("redrive").asInt()).isEqualTo(1);
            Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> jobs.find(early).orElseThrow().state().terminal());
            assertThat(jobs.find(early).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
        }
    }

    @Test
    void results_past_their_groups_retention_are_removed_and_the_job_is_gone() throws Exception {
        String shortLived = admin.ok("POST", "/api/key-groups", "{\"name\":\"" + AdminApi.unique("brief") + "\"}").path("id").asString();
        String keeps = admin.ok("POST", "/api/key-groups", "{\"name\":\"" + AdminApi.unique("keeps") + "\"}").path("id").asString();
        assertThat(admin.ok("PUT", "/api/key-groups/" + shortLived + "/job-retention", "{\"days\":1}").path("days").asInt()).isEqualTo(1);
        assertThat(admin.send("PUT", "/api/key-groups/" + keeps + "/job-retention", "{\"days\":0}").statusCode()).isEqualTo(400);
        assertThat(admin.send("GET", "/api/key-groups/" + UUID.randomUUID() + "/job-retention", null).statusCode()).isEqualTo(404);

        io.conduit.media.jobs.JobTransitions transitions = new io.conduit.media.jobs.JobTransitions(jobs, null,
                Duration.ofDays(7), java.time.Clock.systemUTC());
        String brief = completedJob(transitions, shortLived);
        String kept = completedJob(transitions, keeps);
        Job briefJob = jobs.find(brief).orElseThrow();
        assertThat(briefJob.expiresAt()).isEqualTo(briefJob.completedAt().plus(Duration.ofDays(1)));
        assertThat(jobs.find(kept).orElseThrow().expiresAt()).isEqualTo(jobs.find(kept).orElseThrow().completedAt().plus(Duration.ofDays(7)));

        java.time.Clock twoDaysOn = java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(2));
        new io.conduit.media.jobs.RetentionSweeper(jobs, results, Duration.ofHours(1), twoDaysOn).sweep();

        assertThat(results.size(ResultStore.resultKey(brief, "video"))).isEqualTo(-1);
        assertThat(jobs.find(brief).orElseThrow().deletedAt()).isNotNull();
        assertThat(jobs.findVisible(brief, "k", shortLived)).isEmpty();
        assertThat(results.size(ResultStore.resultKey(kept, "video"))).isEqualTo(3);
        assertThat(jobs.findVisible(kept, "k", keeps)).isPresent();
    }

    /** A video job of the group, completed with a 3-byte result, as the workers and media-jobs would leave it. */
    static String completedJob(io.conduit.media.jobs.JobTransitions transitions, String group) throws Exception {
        String id = "video_" + UUID.randomUUID().toString().replace("-", "");
        jobs.create(Job.queued(id, JobKind.VIDEO, UUID.randomUUID().toString(), group, "video", null, "{\"prompt\":\"p\"}",
                Map.of(), null, Instant.now()));
        String key = ResultStore.resultKey(id, "video");
        results.put(key, "video/mp4", new byte[] {1, 2, 3});
        transitions.apply(new io.conduit.contracts.jobs.JobEvent(id + ":completed", id,
                io.conduit.contracts.jobs.JobEvent.Type.COMPLETED, Instant.now(), "p", "m", "t", 100,
                List.of(new io.conduit.contracts.jobs.JobOutput("video", key, "video/mp4", 3)), null, 0, 0, null, null, "test"));
        return id;
    }
}
