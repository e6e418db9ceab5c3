package io.conduit.provider.minimax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.testkit.contract.AdapterHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors MiniMax answers with HTTP 200 and a non-zero {@code base_resp.status_code}. */
class MiniMaxInBandErrorTest {

    private static final String KEY = "mm-test-key";
    private static final String PLAIN = "{\"model\":\"alias\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAMED = "{\"model\":\"alias\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}";

    private final FakeMiniMax fake = new FakeMiniMax(KEY).start();

    @AfterEach
    void stop() {
        fake.close();
    }

    private AdapterHarness harness(String key) {
        return new AdapterHarness(MiniMaxAdapter.create(), new ProviderEndpoint("p", "minimax", "minimax", fake.baseUrl(), key));
    }

    @ParameterizedTest(name = "{0} → {1} ({2}), retriable {3}")
    @CsvSource(textBlock = """
            1000, SERVER_ERROR,      500, true
            1001, TIMEOUT,           504, true
            1002, RATE_LIMITED,      429, true
            1004, AUTHENTICATION,    401, false
            1008, PERMISSION_DENIED, 402, false
            1013, SERVER_ERROR,      500, true
            1024, SERVER_ERROR,      500, true
            1026, CONTENT_FILTERED,  400, false
            1027, CONTENT_FILTERED,  400, false
            1033, SERVER_ERROR,      500, true
            1039, RATE_LIMITED,      429, true
            1041, RATE_LIMITED,      429, true
            1042, BAD_REQUEST,       400, false
            2013, BAD_REQUEST,       400, false
            2045, RATE_LIMITED,      429, true
            2049, AUTHENTICATION,    401, false
            2056, RATE_LIMITED,      429, true
            1999, SERVER_ERROR,      500, true
            2999, BAD_REQUEST,       400, false
            """)
    void each_code_is_a_failure_of_its_kind(int code, Kind kind, int status, boolean retriable) {
        byte[] body = ("{\"id\":\"x\",\"choices\":null,\"base_resp\":{\"status_code\":" + code + ",\"status_msg\":\"what happened\"}}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MiniMaxAdapter.create().chatCompletions().orElseThrow().responseBody(body))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.upstreamStatus()).isEqualTo(status);
                    assertThat(e instanceof ProviderException.Retriable).isEqualTo(retriable);
                    assertThat(e.error().message()).isEqualTo("what happened (" + code + ")");
                    assertThat(e.error().code()).isEqualTo(Integer.toString(code));
                });
    }

    @ParameterizedTest
    @CsvSource({"1002, RATE_LIMITED", "1008, PERMISSION_DENIED", "1026, CONTENT_FILTERED", "2013, BAD_REQUEST"})
    void in_band_errors_over_http_plain_and_streamed(int code, Kind kind) {
        fake.failInBand(code);

        AdapterHarness.Plain plain = harness(KEY).send(AdapterHarness.inbound(PLAIN, "MiniMax-M2"));
        AdapterHarness.Streamed streamed = harness(KEY).stream(AdapterHarness.inbound(STREAMED, "MiniMax-M2"));

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.error().kind()).isEqualTo(kind);
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.relay().streamFailure()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(kind));
        assertThat(streamed.clientStream()).startsWith("data: {\"error\":{\"message\":").doesNotContain("[DONE]");
    }

    @Test
    void a_wrong_key_is_an_in_band_1004() {
        AdapterHarness.Plain plain = harness("wrong-key").send(AdapterHarness.inbound(PLAIN, "MiniMax-M2"));
        AdapterHarness.Streamed streamed = harness("wrong-key").stream(AdapterHarness.inbound(STREAMED, "MiniMax-M2"));

        assertThat(plain.error().kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(plain.error().upstreamStatus()).isEqualTo(401);
        assertThat(plain.error().error().message()).contains("login fail").doesNotContain("wrong-key");
        assertThat(streamed.relay().streamFailure()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
    }

    @Test
    void a_zero_code_is_no_error() {
        byte[] body = "{\"choices\":[{\"message\":{\"content\":\"ok\"}}],\"base_resp\":{\"status_code\":0,\"status_msg\":\"\"}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(new String(MiniMaxAdapter.create().chatCompletions().orElseThrow().responseBody(body), StandardCharsets.UTF_8))
                .contains("\"content\":\"ok\"");
    }
}
