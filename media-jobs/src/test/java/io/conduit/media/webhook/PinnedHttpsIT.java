package io.conduit.media.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to a pinned address: the connection goes to the address that was checked while TLS (SNI and the
 * certificate check) and the Host header use the URL's host name. The receiver's certificate names
 * {@code hooks.example.test} only, so a handshake succeeds only when verified against that name.
 */
class PinnedHttpsIT {

    static Receiver receiver;
    static PinnedHttpClient client;

    @BeforeAll
    static void receiverWithCertificate(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("hooks.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hooks", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=hooks.example.test", "-ext", "SAN=dns:hooks.example.test", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore keys = KeyStore.getInstance(keystore.toFile(), password);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        receiver = Receiver.startHttps(serverTls);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("hooks", keys.getCertificate("hooks"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trustManagers.getTrustManagers(), null);
        client = new PinnedHttpClient(clientTls.getSocketFactory());
    }

    @AfterAll
    static void close() {
        receiver.close();
        client.close();
    }

    /** Every *.example.test name resolves to 127.0.0.1, which the allow-list admits. */
    static WebhookSender sender() {
        HostResolver resolver = host -> host.endsWith(".example.test") ? List.of(InetAddress.ofLiteral("127.0.0.1"))
                : HostResolver.SYSTEM.resolve(host);
        return new WebhookSender(AddressPolicy.allowing(List.of("127.0.0.1/32")), resolver, client, Duration.ofSeconds(10));
    }

    @Test
    void delivers_over_tls_to_the_pinned_address_verified_for_the_url_host() {
        int before = receiver.requests().size();
        WebhookSender.Result result = sender().send("https://hooks.example.test:" + receiver.port() + "/hook", "msg_tls", 1,
                "{}", List.of(WebhookSignatures.newSecret()));

        assertThat(result.outcome()).as(String.valueOf(result.error())).isEqualTo(AttemptOutcome.DELIVERED);
        assertThat(receiver.requests()).hasSize(before + 1);
        assertThat(receiver.requests().getLast().header("host")).isEqualTo("hooks.example.test:" + receiver.port());
    }

    @Test
    void refuses_a_certificate_that_does_not_name_the_url_host() {
        int before = receiver.requests().size();
        for (String url : List.of("https://other.example.test:" + receiver.port() + "/hook",
                "https://127.0.0.1:" + receiver.port() + "/hook")) {
            WebhookSender.Result result = sender().send(url, "msg_tls_wrong_name", 1, "{}", List.of(WebhookSignatures.newSecret()));
            assertThat(result.outcome()).isEqualTo(AttemptOutcome.FAILED);
            assertThat(result.error()).startsWith("TLS failed");
        }
        assertThat(receiver.requests()).hasSize(before);
    }
}
