package io.conduit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.testkit.contract.AdapterHarness;
import io.conduit.provider.testkit.contract.CapturedRequest;
import io.conduit.provider.testkit.contract.ChatAdapterContract;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import io.conduit.provider.testkit.contract.FakeAnswer;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chat adapter contract for Gemini on Vertex AI, against {@link FakeGemini} checking a
 * self-signed JWT of a service account generated for the test.
 */
class VertexAiContractTest extends ChatAdapterContract {

    private static final TestServiceAccount ACCOUNT = TestServiceAccount.generate("conduit-test-project");

    @Override
    protected ProviderAdapter adapter() {
        return GeminiAdapter.vertexAi();
    }

    @Override
    protected ChatProviderFake startFake() {
        return FakeGemini.vertex(ACCOUNT).start();
    }

    @Override
    protected ProviderEndpoint endpoint(URI baseUrl) {
        return new ProviderEndpoint("p-vertex", "vertex", "vertex_ai", baseUrl, ACCOUNT.json());
    }

    @Override
    protected Map<Integer, Kind> documentedErrors() {
        return Map.of(400, Kind.BAD_REQUEST, 401, Kind.AUTHENTICATION, 403, Kind.PERMISSION_DENIED,
                404, Kind.NOT_FOUND, 429, Kind.RATE_LIMITED, 500, Kind.SERVER_ERROR, 503, Kind.OVERLOADED,
                504, Kind.TIMEOUT);
    }

    @Test
    void calls_the_publisher_model_of_the_accounts_project_with_a_signed_jwt() {
        fake().answer(FakeAnswer.text("Hi.", new FakeAnswer.Usage(3, 1, 0, 0)));

        harness().send(call(simpleRequest(false, false)));
        harness().stream(call(simpleRequest(true, false)));

        CapturedRequest plain = fake().requests().get(0);
        assertThat(plain.target()).isEqualTo(
                "/v1/projects/conduit-test-project/locations/global/publishers/google/models/" + MODEL + ":generateContent");
        assertThat(fake().requests().get(1).target()).endsWith(MODEL + ":streamGenerateContent?alt=sse");
        String jwt = plain.header("authorization").orElseThrow().substring("Bearer ".length());
        assertThat(new VertexJwtVerifier(ACCOUNT.publicKey(), ACCOUNT.clientEmail(), ACCOUNT.privateKeyId(),
                Clock.systemUTC()).problem(jwt)).isNull();
        assertThat(fake().requests().get(1).header("authorization")).contains("Bearer " + jwt);
        assertThat(plain.header("x-goog-api-key")).isEmpty();
    }

    @Test
    void project_and_location_settings_choose_the_path() {
        fake().answer(FakeAnswer.text("Hi.", new FakeAnswer.Usage(3, 1, 0, 0)));
        AdapterHarness configured = new AdapterHarness(adapter(), new ProviderEndpoint("p-vertex", "vertex", "vertex_ai",
                fake().baseUrl(), ACCOUNT.json(), Map.of("project", "other-project", "location", "europe-west4")));

        configured.send(call(simpleRequest(false, false)));

        assertThat(fake().requests().getFirst().path()).isEqualTo(
                "/v1/projects/other-project/locations/europe-west4/publishers/google/models/" + MODEL + ":generateContent");
    }

    @Test
    void an_access_token_is_sent_as_it_is() {
        ((FakeGemini) fake()).acceptAccessToken("ya29.minted-elsewhere");
        fake().answer(FakeAnswer.text("Hi.", new FakeAnswer.Usage(3, 1, 0, 0)));
        AdapterHarness withToken = new AdapterHarness(adapter(), new ProviderEndpoint("p-vertex", "vertex", "vertex_ai",
                fake().baseUrl(), "ya29.minted-elsewhere", Map.of("project", "p1")));

        assertThat(withToken.send(call(simpleRequest(false, false))).status()).isEqualTo(200);
        assertThat(fake().requests().getFirst().header("authorization")).contains("Bearer ya29.minted-elsewhere");
    }

    @Test
    void a_key_of_another_account_is_refused_as_unauthenticated() {
        TestServiceAccount stranger = TestServiceAccount.generate("conduit-test-project");
        AdapterHarness wrongKey = new AdapterHarness(adapter(),
                new ProviderEndpoint("p-vertex", "vertex", "vertex_ai", fake().baseUrl(), stranger.json()));

        ProviderException error = wrongKey.send(call(simpleRequest(false, false))).error();

        assertThat(error.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(error.upstreamStatus()).isEqualTo(401);
    }
}
