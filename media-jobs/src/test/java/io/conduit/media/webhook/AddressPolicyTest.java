package io.conduit.media.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses webhooks may go to. The check alone: nothing here connects anywhere. */
class AddressPolicyTest {

    static final PinnedHttpClient neverUsed = new PinnedHttpClient();

    @AfterAll
    static void close() {
        neverUsed.close();
    }

    static String refusal(AddressPolicy policy, String host, String... addresses) {
        return policy.refusal(host, java.util.Arrays.stream(addresses).map(InetAddress::ofLiteral).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1               | loopback",
            "127.255.0.7             | loopback",
            "10.0.0.1                | private",
            "172.16.0.1              | private",
            "172.31.255.255          | private",
            "192.168.1.1             | private",
            "169.254.169.254         | link-local",
            "169.254.0.1             | link-local",
            "100.64.0.1              | carrier-grade NAT",
            "100.127.255.254         | carrier-grade NAT",
            "0.0.0.0                 | unspecified",
            "0.1.2.3                 | unspecified",
            "224.0.0.1               | multicast",
            "239.255.255.250         | multicast",
            "255.255.255.255         | reserved",
            "198.18.0.1              | benchmarking",
            "192.0.2.1               | documentation",
            "::1                     | loopback",
            "::                      | unspecified",
            "fe80::1                 | link-local",
            "fc00::1                 | private",
            "fd12:3456::1            | private",
            "ff02::1                 | multicast",
            "::ffff:127.0.0.1        | loopback",
            "::ffff:10.0.0.1         | private",
            "::ffff:169.254.169.254  | link-local",
            "::127.0.0.1             | loopback",
            "64:ff9b::a00:1          | private",
            "2002:7f00:1::           | loopback"})
    void refuses_every_non_public_address(String literal, String kind) {
        assertThat(refusal(AddressPolicy.strict(), literal, literal)).contains(kind).contains("public addresses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1",
            "100.63.255.255", "11.0.0.1", "169.255.0.1", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8",
            "64:ff9b::808:808"})
    void lets_public_addresses_pass(String literal) {
        assertThat(refusal(AddressPolicy.strict(), literal, literal)).isNull();
    }

    @Test
    void one_internal_address_among_public_ones_is_enough_to_refuse() {
        assertThat(refusal(AddressPolicy.strict(), "hooks.example.com", "93.184.216.34", "127.0.0.1"))
                .isEqualTo("hooks.example.com resolves to 127.0.0.1, a loopback address; webhooks are only sent to"
                        + " public addresses (see conduit.webhooks.allowed-networks)");
        assertThat(AddressPolicy.strict().refusal("nothing.example", List.of())).contains("resolves to no address");
    }

    @Test
    void a_host_name_resolving_to_loopback_is_refused_without_an_allow_list() throws Exception {
        List<InetAddress> localhost = HostResolver.SYSTEM.resolve("localhost");
        assertThat(AddressPolicy.strict().refusal("localhost", localhost)).startsWith("localhost resolves to").contains("loopback");
        assertThat(AddressPolicy.allowing(List.of("127.0.0.0/8", "::1")).refusal("localhost", localhost)).isNull();
        assertThat(AddressPolicy.allowing(List.of("localhost")).refusal("localhost", localhost)).isNull();
    }

    @Test
    void the_allow_list_admits_its_networks_and_hosts_only() {
        AddressPolicy policy = AddressPolicy.allowing(List.of("127.0.0.1/32", " 10.1.0.0/16 ", "fd00::/8", "hooks.internal",
                "*.corp.example", ""));
        assertThat(refusal(policy, "127.0.0.1", "127.0.0.1")).isNull();
        assertThat(refusal(policy, "::ffff:127.0.0.1", "::ffff:127.0.0.1")).isNull();
        assertThat(refusal(policy, "127.0.0.2", "127.0.0.2")).contains("loopback");
        assertThat(refusal(policy, "10.1.200.3", "10.1.200.3")).isNull();
        assertThat(refusal(policy, "10.2.0.1", "10.2.0.1")).contains("private");
        assertThat(refusal(policy, "fd00::5", "fd00::5")).isNull();
        assertThat(refusal(policy, "hooks.internal", "192.168.7.7")).isNull();
        assertThat(refusal(policy, "a.b.corp.example", "169.254.169.254")).isNull();
        assertThat(refusal(policy, "corp.example.evil.test", "169.254.169.254")).contains("link-local");
        assertThat(refusal(policy, "169.254.169.254", "169.254.169.254")).startsWith("169.254.169.254 is a link-local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "1.2.3.4/x", "not a host!", "http://127.0.0.1/", "::1/129"})
    void refuses_allow_list_entries_it_cannot_read(String entry) {
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of(entry))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }

    /** Through the sender: these URLs are refused before any connection (the client here is never reached). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://[::1]:9/hook                       | loopback",
            "http://[::ffff:127.0.0.1]:9/hook          | loopback",
            "http://[::ffff:10.0.0.1]/hook             | private",
            "http://0.0.0.0:9/hook                     | unspecified",
            "http://169.254.169.254/latest/meta-data/  | link-local",
            "http://224.0.0.1/hook                     | multicast",
            "http://100.64.0.1/hook                    | carrier-grade NAT",
            "http://localhost:9/hook                   | loopback"})
    void the_sender_refuses_internal_urls_for_good(String url, String kind) {
        WebhookSender sender = new WebhookSender(AddressPolicy.strict(), HostResolver.SYSTEM, neverUsed, Duration.ofSeconds(1));
        WebhookSender.Result result = sender.send(url, "msg_1", 1, "{}", List.of(WebhookSignatures.newSecret()));
        assertThat(result.outcome()).isEqualTo(AttemptOutcome.REFUSED);
        assertThat(result.error()).startsWith("refused: ").contains(kind);
        assertThat(result.statusCode()).isNull();
        assertThat(URI.create(url).getScheme()).isEqualTo("http");
    }

    @Test
    void the_sender_refuses_schemes_other_than_http() {
        WebhookSender sender = new WebhookSender(AddressPolicy.strict(), HostResolver.SYSTEM, neverUsed, Duration.ofSeconds(1));
        WebhookSender.Result result = sender.send("file:///etc/passwd", "msg_1", 1, "{}", List.of(WebhookSignatures.newSecret()));
        assertThat(result.outcome()).isEqualTo(AttemptOutcome.REFUSED);
        assertThat(result.error()).contains("http or https");
    }
}
