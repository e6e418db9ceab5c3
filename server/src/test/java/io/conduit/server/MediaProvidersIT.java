package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.jobs.JobKind;
import io.conduit.contracts.jobs.JobRequest;
import io.conduit.contracts.jobs.JobState;
import io.conduit.contracts.topic.Topics;
import io.conduit.media.jobs.Job;
import io.conduit.media.jobs.JobStore;
import io.conduit.media.storage.ResultStore;
import io.conduit.provider.elevenlabs.FakeElevenLabs;
import io.conduit.provider.gemini.FakeGeminiMedia;
import io.conduit.provider.minimax.FakeMiniMaxMedia;
import io.conduit.provider.replicate.FakeReplicate;
import io.conduit.provider.runway.FakeRunway;
import io.conduit.server.infra.ObjectStore;
import io.conduit.server.settings.S3Settings;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.TestInfrastructure;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Each media provider family run as jobs by a worker, against its fake: the job completes, its
 * result is the provider's bytes in object storage, and the units it made are recorded for pricing.
 */
class MediaProvidersIT {

    static final String KEY = "provider-test-key";

    static ConduitServer server;
    static AdminApi admin;
    static JobStore jobs;
    static ResultStore results;
    static KafkaProducer<String, JobRequest> requests;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = TestInfrastructure.get().environment("admin,ingress,workers,media-jobs");
        env.put("CONDUIT_DATA_DIR", Files.createTempDirectory("media-providers").toString());
        env.put("CONDUIT_WORKERS_POLL_INTERVAL", "50ms");
        server = ConduitServer.start(env);
        admin = new AdminApi(server.adminPort(), TestInfrastructure.MASTER_KEY);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestInfrastructure.get().jdbcUrl());
        dataSource.setUser(TestInfrastructure.get().dbUser());
        dataSource.setPassword(TestInfrastructure.get().dbPassword());
        jobs = new JobStore(dataSource);
        S3Settings s3 = new S3Settings(env.get("CONDUIT_S3_ENDPOINT"), "us-east-1", "conduit", env.get("CONDUIT_S3_ACCESS_KEY"),
                env.get("CONDUIT_S3_SECRET_KEY"), true);
        results = new ResultStore(ObjectStore.client(s3), ObjectStore.presigner(s3), "conduit");
        requests = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrap()),
                Topics.JOB_REQUESTS.keySerde().serializer(), Topics.JOB_REQUESTS.valueSerde().serializer());
    }

    @AfterAll
    static void stop() {
        if (requests != null) {
            requests.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Runs one job of the kind on a fresh alias of the provider; returns it ended. */
    static Job run(String type, String baseUrl, String providerModel, JobKind kind, Map<String, Object> body) throws Exception {
        String alias = admin.alias(admin.provider(type, baseUrl, KEY, Map.of()), providerModel);
        String id = (kind == JobKind.VIDEO ? "video_" : "job_") + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> request = new java.util.HashMap<>(body);
        request.put("model", alias);
        String json = AdminApi.json(request);
        Instant now = Instant.now();
        String keyId = UUID.randomUUID().toString();
        jobs.create(Job.queued(id, kind, keyId, null, alias, "req-" + id, json, Map.of(), null, now));
        requests.send(new ProducerRecord<>(Topics.JOB_REQUESTS.name(), id,
                new JobRequest(id, kind, keyId, null, alias, "req-" + id, json, Map.of(), now, 0))).get();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobs.find(id).orElseThrow().state().terminal());
        Job job = jobs.find(id).orElseThrow();
        assertThat(job.state()).as("%s: %s %s", type, job.errorCode(), job.errorMessage()).isEqualTo(JobState.COMPLETED);
        assertThat(job.submissions()).isEqualTo(1);
        return job;
    }

    static byte[] stored(Job job, String output) {
        return results.read(job.output(output).orElseThrow().objectKey());
    }

    @Test
    void runway_video() throws Exception {
        try (FakeRunway fake = new FakeRunway(KEY)) {
            Job job = run("runway", fake.baseUrl().toString(), "gen4.5", JobKind.VIDEO,
                    Map.of("prompt", "a red kite over the dunes", "seconds", "5", "size", "1280x720"));
            assertThat(stored(job, "video")).isEqualTo(fake.outputBytes(job.providerTaskId()));
            assertThat(job.media().videoSeconds()).isEqualTo(5);
            assertThat(fake.jobs().submissions()).hasSize(1);
        }
    }

    @Test
    void minimax_video_and_speech() throws Exception {
        try (FakeMiniMaxMedia fake = new FakeMiniMaxMedia(KEY)) {
            Job video = run("minimax", fake.baseUrl().toString(), "MiniMax-Hailuo-02", JobKind.VIDEO,
                    Map.of("prompt", "a paper boat in the rain", "seconds", "6", "size", "1366x768"));
            assertThat(stored(video, "video")).isNotEmpty();
            assertThat(video.media().videoSeconds()).isEqualTo(6);

            String text = "Welcome aboard.";
            Job speech = run("minimax", fake.baseUrl().toString(), "speech-02-hd", JobKind.SPEECH,
                    Map.of("input", text, "voice", "Wise_Woman", "response_format", "mp3"));
            assertThat(stored(speech, "audio")).isEqualTo(FakeMiniMaxMedia.audioFor(text, "mp3"));
            assertThat(speech.media().speechCharacters()).isEqualTo(text.length());
        }
    }

    @Test
    void elevenlabs_speech() throws Exception {
        try (FakeElevenLabs fake = new FakeElevenLabs(KEY)) {
            String text = "The gateway is up.";
            Job speech = run("elevenlabs", fake.baseUrl().toString(), "eleven_multilingual_v2", JobKind.SPEECH,
                    Map.of("input", text, "voice", "JBFqnCBsd6RMkjVDRZzb", "response_format", "mp3"));
            assertThat(stored(speech, "audio")).isEqualTo(FakeElevenLabs.audioFor(text, "mp3_44100_128"));
            assertThat(speech.media().speechCharacters()).isEqualTo(text.length());
        }
    }

    @Test
    void speech_is_streamed_straight_from_the_provider_with_one_usage_event() throws Exception {
        try (FakeElevenLabs fake = new FakeElevenLabs(KEY);
                io.conduit.server.support.UsageEvents usage = new io.conduit.server.support.UsageEvents(
                        TestInfrastructure.get().kafkaBootstrap())) {
            String alias = admin.alias(admin.provider("elevenlabs", fake.baseUrl().toString(), KEY, Map.of()), "eleven_multilingual_v2");
            String key = admin.key();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String text = "Streaming straight through.";
            String requestId = AdminApi.unique("speech");
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + server.ingressPort() + "/v1/audio/speech"))
                    .header("Authorization", "Bearer " + key).header("content-type", "application/json").header("x-request-id", requestId)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(AdminApi.json(Map.of("model", alias, "input", text,
                            "voice", "JBFqnCBsd6RMkjVDRZzb", "response_format", "mp3")))).build();
            java.net.http.HttpRequest model = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.ingressPort() + "/v1/models/" + alias))
                    .header("Authorization", "Bearer " + key).build();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> http.send(model, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            var answered = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.headers().firstValue("content-type")).contains("audio/mpeg");
            assertThat(answered.body()).isEqualTo(FakeElevenLabs.audioFor(text, "mp3_44100_128"));
            var event = usage.only(requestId);
            assertThat(event.endpoint()).isEqualTo("audio.speech");
            assertThat(event.media().speechCharacters()).isEqualTo(text.length());
            assertThat(event.outcome().wireName()).isEqualTo("ok");

            fake.fail(401);
            var refused = http.send(java.net.http.HttpRequest.newBuilder(request.uri()).header("Authorization", "Bearer " + key)
                    .header("content-type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(AdminApi.json(
                            Map.of("model", alias, "input", text, "voice", "JBFqnCBsd6RMkjVDRZzb")))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(refused.body()).contains("\"error\"").doesNotContain(KEY);
        }
    }

    @Test
    void google_veo_video_and_imagen_images() throws Exception {
        try (FakeGeminiMedia fake = new FakeGeminiMedia(KEY)) {
            Job video = run("gemini", fake.baseUrl().toString(), "veo-3.0-generate-001", JobKind.VIDEO,
                    Map.of("prompt", "waves on basalt", "seconds", "8", "size", "1280x720"));
            assertThat(stored(video, "video")).isNotEmpty();
            assertThat(video.media().videoSeconds()).isEqualTo(8);
            assertThat(video.media().videoResolution()).isEqualTo("1280x720");

            Job images = run("gemini", fake.baseUrl().toString(), "imagen-4.0-generate-001", JobKind.IMAGE,
                    Map.of("prompt", "a lighthouse", "n", 2, "size", "1024x1024"));
            assertThat(images.outputs()).extracting(o -> o.name()).containsExactly("image_0", "image_1");
            assertThat(stored(images, "image_1")).isNotEmpty();
            assertThat(images.media().images()).isEqualTo(2);
        }
    }

    @Test
    void replicate_image() throws Exception {
        try (FakeReplicate fake = new FakeReplicate(KEY)) {
            Job image = run("replicate", fake.baseUrl().toString(), "black-forest-labs/flux-schnell", JobKind.IMAGE,
                    Map.of("prompt", "a fox in the snow", "size", "1024x1024"));
            assertThat(stored(image, "image_0")).isNotEmpty();
            assertThat(image.media().images()).isEqualTo(1);
        }
    }
}
