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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat adapter contract for the Gemini API (Google AI Studio), against {@link FakeGemini}. */
class GeminiContractTest extends ChatAdapterContract {

    @Override
    protected ProviderAdapter adapter() {
        return GeminiAdapter.aiStudio();
    }

    @Override
    protected ChatProviderFake startFake() {
        return FakeGemini.aiStudio(API_KEY).start();
    }

    @Override
    protected ProviderEndpoint endpoint(URI baseUrl) {
        return new ProviderEndpoint("p-gemini", "gemini", "gemini", baseUrl, API_KEY);
    }

    @Override
    protected Map<Integer, Kind> documentedErrors() {
        return Map.of(400, Kind.BAD_REQUEST, 401, Kind.AUTHENTICATION, 403, Kind.PERMISSION_DENIED,
                404, Kind.NOT_FOUND, 429, Kind.RATE_LIMITED, 500, Kind.SERVER_ERROR, 503, Kind.OVERLOADED,
                504, Kind.TIMEOUT);
    }

    @Test
    void calls_the_model_path_with_the_api_key_header() {
        fake().answer(FakeAnswer.text("Hi.", new FakeAnswer.Usage(3, 1, 0, 0)));

        harness().send(call(simpleRequest(false, false)));
        harness().stream(call(simpleRequest(true, false)));

        CapturedRequest plain = fake().requests().get(0);
        CapturedRequest streamed = fake().requests().get(1);
        assertThat(plain.target()).isEqualTo("/v1beta/models/" + MODEL + ":generateContent");
        assertThat(streamed.target()).isEqualTo("/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse");
        assertThat(plain.header("x-goog-api-key")).contains(API_KEY);
        assertThat(plain.header("authorization")).isEmpty();
        assertThat(plain.json().path("systemInstruction").path("parts").path(0).path("text").asString())
                .isEqualTo("Be brief.");
        assertThat(plain.json().path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(256);
    }

    @Test
    void a_wrong_api_key_is_an_authentication_failure() {
        AdapterHarness wrongKey = new AdapterHarness(adapter(),
                new ProviderEndpoint("p-gemini", "gemini", "gemini", fake().baseUrl(), "not-the-key"));

        ProviderException error = wrongKey.send(call(simpleRequest(false, false))).error();

        assertThat(error.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(error.upstreamStatus()).isEqualTo(400);
        assertThat(error.error().message()).contains("API key not valid").doesNotContain("not-the-key");
    }

    @Test
    void rate_limit_carries_googles_retry_delay() {
        fake().fail(429);

        ProviderException error = harness().send(call(simpleRequest(false, false))).error();

        assertThat(error.retryAfter()).contains(java.time.Duration.ofSeconds(7));
    }
}
