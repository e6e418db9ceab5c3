package io.conduit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.testkit.Behavior;
import io.conduit.provider.testkit.FakeOpenAi;
import io.conduit.server.support.AdminApi;
import io.conduit.server.support.TestInfrastructure;
import io.conduit.server.support.Gateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not part of the test suite (tag {@code benchmark}; run with {@code bench/isolation.sh}):
 * a deployment that takes 30 s to answer, with many requests held open on it, must not raise
 * another alias's p99 by more than 10%. Baseline and loaded rounds are interleaved; medians of the
 * rounds are compared. Writes its figures to {@code target/isolation.txt}.
 */
@Tag("benchmark")
class IsolationBenchmarkIT {

    static final int REQUESTS_PER_ROUND = 5_000;
    static final int ROUNDS = 5;
    static final int SLOW_REQUESTS_HELD = 100;

    /** Measures the fast alias. */
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Holds the slow requests: a client of its own, so its work does not slow the measuring one. */
    final HttpClient holder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void a_slow_deployment_does_not_raise_another_aliases_p99_by_more_than_10_percent() throws Exception {
        // a gateway with the default timeouts (the shared test gateway cuts calls after 2 s)
        try (FakeOpenAi upstream = FakeOpenAi.builder().requireApiKey(Gateway.PROVIDER_KEY).start();
                ConduitServer server = ConduitServer.start(TestInfrastructure.get().environment("ingress,admin"))) {
            run(server, upstream);
        }
    }

    void run(ConduitServer server, FakeOpenAi upstream) throws Exception {
        AdminApi admin = new AdminApi(server.adminPort(), TestInfrastructure.MASTER_KEY);
        String provider = admin.provider(upstream.baseUrl(), Gateway.PROVIDER_KEY);
        String fast = admin.alias(provider, "iso-fast");
        upstream.behave("iso-slow", Behavior.slowFirstByte(Duration.ofSeconds(30)));
        String slow = admin.alias(provider, "iso-slow");
        String key = admin.key();
        Target gateway = new Target("http://127.0.0.1:" + server.ingressPort() + "/v1", key);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> known(gateway, fast) && known(gateway, slow));
        measure(gateway, fast, 3_000);

        double[] baseline = new double[ROUNDS];
        double[] loaded = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            baseline[round] = p99(measure(gateway, fast, REQUESTS_PER_ROUND));
            List<CompletableFuture<HttpResponse<Void>>> held = holdSlowRequests(gateway, slow);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> upstream.openConnections() >= SLOW_REQUESTS_HELD);
            loaded[round] = p99(measure(gateway, fast, REQUESTS_PER_ROUND));
            held.forEach(f -> f.cancel(true));
        }

        double base = median(baseline);
        double withSlow = median(loaded);
        String report = String.format("isolation %s: p99 of alias without slow load %.3f ms, with %d requests held on a 30 s "
                        + "deployment %.3f ms (%+.1f%%); rounds baseline %s loaded %s%n", Instant.now(), base, SLOW_REQUESTS_HELD,
                withSlow, (withSlow / base - 1) * 100, Arrays.toString(baseline), Arrays.toString(loaded));
        Files.writeString(Path.of("target/isolation.txt"), report);
        System.out.print(report);
        assertThat(withSlow).isLessThanOrEqualTo(base * 1.10);
    }

    List<CompletableFuture<HttpResponse<Void>>> holdSlowRequests(Target gateway, String slow) {
        List<CompletableFuture<HttpResponse<Void>>> held = new ArrayList<>();
        for (int i = 0; i < SLOW_REQUESTS_HELD; i++) {
            held.add(holder.sendAsync(request(gateway, slow), HttpResponse.BodyHandlers.discarding()));
        }
        return held;
    }

    long[] measure(Target gateway, String alias, int count) throws IOException, InterruptedException {
        long[] nanos = new long[count];
        HttpRequest request = request(gateway, alias);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return nanos;
    }

    static HttpRequest request(Target gateway, String alias) {
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + gateway.key()).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Gateway.chat(alias, false))).build();
    }

    /** Where the measured gateway is. */
    record Target(String baseUrl, String key) {}

    boolean known(Target gateway, String alias) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/models/" + alias))
                .header("Authorization", "Bearer " + gateway.key()).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
