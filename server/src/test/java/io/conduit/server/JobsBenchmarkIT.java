package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.contracts.json.Json;
import io.conduit.provider.openai.fake.FakeOpenAiVideos;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.TestInfrastructure;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not part of the test suite (tag {@code benchmark}; run with {@code bench/jobs.sh}): one
 * single-node process (ingress, admin, workers, media-jobs) against a fake of OpenAI's Videos API.
 * <ol>
 *   <li>acceptance: {@code POST /v1/videos} until the client has the {@code video} object (the job
 *       written to PostgreSQL and its request acknowledged by Kafka), sequential, after a warm-up;
 *   <li>push: for jobs with an open {@code /v1/jobs/{id}/events} stream and a {@code webhook_url}, the
 *       time from the provider's completion (the fake's first answer saying {@code completed}, which the
 *       worker's poll receives) to the {@code job.completed} SSE event, and to the webhook's arrival.
 * </ol>
 * Everything runs in this JVM, so one {@link System#nanoTime()} clock times it all. Writes
 * {@code target/jobs-benchmark.txt}. Targets: p99 ≤ 20 ms to accept, ≤ 500 ms to push.
 */
@Tag("benchmark")
class JobsBenchmarkIT {

    static final int WARMUP = 200;
    static final int ACCEPTS = 1_000;
    static final int PUSHES = 200;
    static final String PROVIDER_KEY = "sk-bench";

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    @Test
    void acceptance_and_push_latency() throws Exception {
        Map<String, String> env = TestInfrastructure.get().environment("ingress,admin,workers,media-jobs");
        env.put("CONDUIT_DATA_DIR", Files.createTempDirectory("jobs-bench").toString());
        env.put("CONDUIT_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        env.put("CONDUIT_WORKERS_POLL_INTERVAL", "200ms");
        Map<String, Long> hookArrivals = new ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hooks", exchange -> {
            long at = System.nanoTime();
            var payload = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            hookArrivals.putIfAbsent(payload.path("data").path("id").asString(), at);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        long[] accept = new long[ACCEPTS];
        // 1. acceptance, on an instance with the ingress role (and admin): what a client waits for is ingress's work
        //    alone; run next to workers in one process on 2 cores, it would time their polling as well
        Map<String, String> ingressEnv = TestInfrastructure.get().environment("ingress,admin");
        ingressEnv.put("CONDUIT_DATA_DIR", Files.createTempDirectory("jobs-bench-ingress").toString());
        FakeOpenAiVideos fake = new FakeOpenAiVideos(PROVIDER_KEY, 3, 64 * 1024).start();
        try (ConduitServer ingress = ConduitServer.start(ingressEnv)) {
            AdminApi admin = new AdminApi(ingress.adminPort(), TestInfrastructure.MASTER_KEY);
            String alias = admin.alias(admin.provider("openai", fake.baseUrl().toString(), PROVIDER_KEY, Map.of()), "sora-2");
            String key = admin.key();
            String base = "http://127.0.0.1:" + ingress.ingressPort();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> create(base, key, alias, "warm", null).statusCode() == 200);
            for (int i = 0; i < WARMUP; i++) {
                create(base, key, alias, "warm-up " + i, null);
            }
            for (int i = 0; i < ACCEPTS; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = create(base, key, alias, "accept " + i, null);
                accept[i] = System.nanoTime() - start;
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        // 2. push, on a single-node instance (every job role); the jobs accepted above run first, and are waited for
        try (fake; ConduitServer server = ConduitServer.start(env)) {
            AdminApi admin = new AdminApi(server.adminPort(), TestInfrastructure.MASTER_KEY);
            String alias = admin.alias(admin.provider("openai", fake.baseUrl().toString(), PROVIDER_KEY, Map.of()), "sora-2");
            String key = admin.key();
            String base = "http://127.0.0.1:" + server.ingressPort();
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(JobsBenchmarkIT::noJobRunning);

            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
            ExecutorService subscribers = Executors.newVirtualThreadPerTaskExecutor();
            List<String> ids = new ArrayList<>();
            List<Future<Long>> sseArrivals = new ArrayList<>();
            for (int i = 0; i < PUSHES; i++) {
                String id = Json.mapper().readTree(create(base, key, alias, "push " + i, hook).body()).path("id").asString();
                ids.add(id);
                sseArrivals.add(subscribers.submit(() -> completedEventAt(base, key, id)));
            }
            long[] toSse = new long[PUSHES];
            long[] toHook = new long[PUSHES];
            for (int i = 0; i < PUSHES; i++) {
                long sseAt = sseArrivals.get(i).get();
                String taskId = taskOf(base, key, ids.get(i));
                long ended = fake.endedAtNanos(taskId);
                toSse[i] = sseAt - ended;
                String id = ids.get(i);
                Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> hookArrivals.containsKey(id));
                toHook[i] = hookArrivals.get(id) - ended;
            }
            subscribers.shutdown();

            String report = String.join("\n",
                    "jobs benchmark " + java.time.Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores; push: one process"
                            + " (ingress, admin, workers, media-jobs); embedded Kafka/PostgreSQL/S3 in the test JVM",
                    line("accept: POST /v1/videos -> 200 (" + ACCEPTS + " sequential, after " + WARMUP + "; ingress+admin process)", accept),
                    line("push: provider completed -> SSE job.completed (" + PUSHES + " jobs)", toSse),
                    line("push: provider completed -> webhook received (" + PUSHES + " jobs)", toHook),
                    "worker poll interval 200 ms (a provider's completion is seen at the poll that reports it: the figures"
                            + " start there); fake: 3 polls in progress, 64 KiB result", "");
            Path out = Path.of("target/jobs-benchmark.txt");
            Files.writeString(out, report);
            System.out.println(report);
        } finally {
            receiver.stop(0);
        }
    }

    HttpResponse<String> create(String base, String key, String alias, String prompt, String webhook) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("model", alias, "prompt", prompt, "seconds", "4",
                "size", "1280x720"));
        if (webhook != null) {
            body.put("webhook_url", webhook);
        }
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/videos")).header("Authorization", "Bearer " + key)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(AdminApi.json(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Opens the job's event stream and returns when its {@code job.completed} event arrived. */
    long completedEventAt(String base, String key, String id) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("event: job.completed")) {
                    return System.nanoTime();
                }
            }
        }
        throw new IllegalStateException("the stream of " + id + " ended without job.completed");
    }

    /** No job of any test is queued or running any more. */
    static boolean noJobRunning() throws Exception {
        try (var c = java.sql.DriverManager.getConnection(TestInfrastructure.get().jdbcUrl(), TestInfrastructure.get().dbUser(),
                TestInfrastructure.get().dbPassword()); var select = c.prepareStatement(
                        "select count(*) from jobs where state in ('queued', 'in_progress') and created_at > now() - interval '1 hour'");
                var rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1) == 0;
        }
    }

    String taskOf(String base, String key, String id) throws Exception {
        // the provider's id is not in the public view: read it where workers record it
        try (var c = java.sql.DriverManager.getConnection(TestInfrastructure.get().jdbcUrl(), TestInfrastructure.get().dbUser(),
                TestInfrastructure.get().dbPassword()); var select = c.prepareStatement("select provider_task_id from jobs where id = ?")) {
            select.setString(1, id);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    static String line(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", what, ms(sorted, 0.50), ms(sorted, 0.90),
                ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    static double ms(long[] sorted, double p) {
        return sorted[(int) Math.ceil(sorted.length * p) - 1] / 1e6;
    }
}
