package io.conduit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.openai.fake.FakeFlavor;
import io.conduit.provider.openai.fake.FakeOpenAiChat;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.testkit.contract.AdapterHarness;
import io.conduit.provider.testkit.contract.ChatAdapterContract;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The chat adapter contract for Azure OpenAI, in both URL styles. */
class AzureOpenAiContractTest {

    private static Map<Integer, Kind> azureErrors() {
        return Map.of(400, Kind.BAD_REQUEST, 401, Kind.AUTHENTICATION, 403, Kind.PERMISSION_DENIED,
                404, Kind.NOT_FOUND, 429, Kind.RATE_LIMITED, 500, Kind.SERVER_ERROR, 503, Kind.OVERLOADED);
    }

    /** Deployment URLs with a dated {@code api-version} (the default). */
    @Nested
    class Classic extends ChatAdapterContract {

        @Override
        protected ProviderAdapter adapter() {
            return OpenAiAdapter.azure();
        }

        @Override
        protected ChatProviderFake startFake() {
            return new FakeOpenAiChat(FakeFlavor.azure(), API_KEY).start();
        }

        @Override
        protected ProviderEndpoint endpoint(URI baseUrl) {
            return new ProviderEndpoint("p-azure", "azure", "azure_openai", baseUrl, API_KEY);
        }

        @Override
        protected Map<Integer, Kind> documentedErrors() {
            return azureErrors();
        }

        @Test
        void calls_the_deployment_url_with_the_api_version_and_the_api_key_header() {
            fake().answer(FakeAnswer.text("Hi.", new FakeAnswer.Usage(3, 1, 0, 0)));

            harness().send(call(simpleRequest(false, false)));

            var request = fake().requests().getFirst();
            assertThat(request.target()).isEqualTo("/openai/deployments/test-model/chat/completions?api-version=2024-10-21");
            assertThat(request.header("api-key")).contains(API_KEY);
            assertThat(request.header("authorization")).isEmpty();
        }

        @Test
        void the_prompt_filter_chunk_with_empty_choices_is_not_relayed() {
            fake().answer(FakeAnswer.text("Filtered but fine.", new FakeAnswer.Usage(5, 4, 0, 0)));

            AdapterHarness.Streamed withoutUsage = harness().stream(call(simpleRequest(true, false)));
            AdapterHarness.Streamed withUsage = harness().stream(call(simpleRequest(true, true)));

            assertThat(withoutUsage.clientStream()).doesNotContain("prompt_filter_results").doesNotContain("\"choices\":[]");
            assertThat(withUsage.clientStream()).doesNotContain("prompt_filter_results").contains("\"choices\":[]");
            assertThat(OpenAiAnswer.fromStream(withUsage.clientStream()).usage().path("total_tokens").asLong()).isEqualTo(9);
            assertThat(withoutUsage.relay().reportedUsage()).isPresent();
        }

        @Test
        void a_content_filter_refusal_is_content_filtered_and_not_retried() {
            ((FakeOpenAiChat) fake()).failContentFilter();

            ProviderException error = harness().send(call(simpleRequest(false, false))).error();

            assertThat(error.kind()).isEqualTo(Kind.CONTENT_FILTERED);
            assertThat(error).isInstanceOf(ProviderException.NonRetriable.class);
            assertThat(error.error().code()).isEqualTo("content_filter");
        }

        @Test
        void a_rate_limit_carries_retry_after_ms() {
            fake().fail(429);

            ProviderException error = harness().send(call(simpleRequest(false, false))).error();

            assertThat(error.retryAfter()).contains(Duration.ofMillis(6000));
        }

        @Test
        void a_wrong_key_is_refused_as_azure_does() {
            var wrong = new AdapterHarness(adapter(), new ProviderEndpoint("p", "azure", "azure_openai",
                    fake().baseUrl(), "not-the-key"));

            ProviderException error = wrong.send(call(simpleRequest(false, false))).error();

            assertThat(error.kind()).isEqualTo(Kind.AUTHENTICATION);
            assertThat(error.error().code()).isEqualTo("401");
        }
    }

    /** The {@code /openai/v1} API, chosen by a base URL ending in {@code /openai/v1}. */
    @Nested
    class V1 extends ChatAdapterContract {

        @Override
        protected ProviderAdapter adapter() {
            return OpenAiAdapter.azure();
        }

        @Override
        protected ChatProviderFake startFake() {
            return new FakeOpenAiChat(FakeFlavor.azure(), API_KEY).start();
        }

        @Override
        protected ProviderEndpoint endpoint(URI baseUrl) {
            return new ProviderEndpoint("p-azure", "azure", "azure_openai", URI.create(baseUrl + "/openai/v1/"), API_KEY);
        }

        @Override
        protected Map<Integer, Kind> documentedErrors() {
            return azureErrors();
        }

        @Test
        void calls_the_v1_url_with_the_deployment_as_model() {
            fake().answer(FakeAnswer.text("Hi.", new FakeAnswer.Usage(3, 1, 0, 0)));

            harness().send(call(simpleRequest(false, false)));

            var request = fake().requests().getFirst();
            assertThat(request.target()).isEqualTo("/openai/v1/chat/completions");
            assertThat(request.json().path("model").asString()).isEqualTo(MODEL);
            assertThat(request.header("api-key")).contains(API_KEY);
        }
    }
}
