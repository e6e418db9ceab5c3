package io.conduit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.provider.spi.ProviderException;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VertexCredentialsTest {

    private static final TestServiceAccount ACCOUNT = TestServiceAccount.generate("jwt-project");
    private static final Instant T0 = Instant.ofEpochSecond(1_750_000_000);

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static JsonNode decode(String part) {
        return GeminiJson.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
    }

    @Test
    void the_token_is_a_self_signed_jwt_with_googles_claims() throws Exception {
        String jwt = new VertexCredentials(Clock.fixed(T0, ZoneOffset.UTC)).bearer(ACCOUNT.json());
        String[] parts = jwt.split("\\.");

        assertThat(parts).hasSize(3);
        assertThat(decode(parts[0]).toString())
                .isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + ACCOUNT.privateKeyId() + "\"}");
        assertThat(decode(parts[1]).toString()).isEqualTo("{\"iss\":\"" + ACCOUNT.clientEmail() + "\",\"sub\":\""
                + ACCOUNT.clientEmail() + "\",\"aud\":\"https://aiplatform.googleapis.com/\",\"iat\":1750000000,"
                + "\"exp\":1750003600}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(ACCOUNT.publicKey());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(jwt).doesNotContain("=");
    }

    @Test
    void the_token_is_reused_until_five_minutes_before_it_expires() {
        MovableClock clock = new MovableClock();
        VertexCredentials credentials = new VertexCredentials(clock);
        String first = credentials.bearer(ACCOUNT.json());

        clock.now = T0.plus(Duration.ofMinutes(54));
        assertThat(credentials.bearer(ACCOUNT.json())).isSameAs(first);

        clock.now = T0.plus(Duration.ofMinutes(55));
        String renewed = credentials.bearer(ACCOUNT.json());
        assertThat(renewed).isNotEqualTo(first);
        assertThat(decode(renewed.split("\\.")[1]).path("iat").asLong()).isEqualTo(T0.getEpochSecond() + 55 * 60);
        assertThat(new VertexJwtVerifier(ACCOUNT.publicKey(), ACCOUNT.clientEmail(), ACCOUNT.privateKeyId(), clock)
                .problem(renewed)).isNull();
    }

    @Test
    void concurrent_callers_share_one_token() throws Exception {
        VertexCredentials credentials = new VertexCredentials(Clock.fixed(T0, ZoneOffset.UTC));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tokens.add(pool.submit(() -> credentials.bearer(ACCOUNT.json())));
            }
            Set<String> distinct = ConcurrentHashMap.newKeySet();
            for (Future<String> token : tokens) {
                distinct.add(token.get());
            }
            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_project_comes_from_the_key_and_an_access_token_is_used_as_it_is() {
        VertexCredentials credentials = new VertexCredentials(Clock.systemUTC());

        assertThat(credentials.projectId(ACCOUNT.json())).contains("jwt-project");
        assertThat(credentials.bearer("  ya29.a0Af-token\n")).isEqualTo("ya29.a0Af-token");
        assertThat(credentials.projectId("ya29.a0Af-token")).isEmpty();
    }

    @Test
    void an_unusable_key_is_an_authentication_error_that_does_not_quote_it() {
        VertexCredentials credentials = new VertexCredentials(Clock.systemUTC());
        String broken = ACCOUNT.json().replace("-----BEGIN PRIVATE KEY-----\\n", "-----BEGIN PRIVATE KEY-----\\n!!");

        assertThatThrownBy(() -> credentials.bearer(broken)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("private_key").doesNotContain("BEGIN");
        });
        assertThatThrownBy(() -> credentials.bearer("{\"type\":\"service_account\"}"))
                .isInstanceOf(ProviderException.class).hasMessageContaining("client_email");
    }

    @Test
    void the_parsed_key_does_not_show_its_secret() {
        assertThat(ServiceAccountKey.parse(ACCOUNT.json()).toString())
                .isEqualTo("ServiceAccountKey[" + ACCOUNT.clientEmail() + ", key " + ACCOUNT.privateKeyId() + "]");
    }
}
