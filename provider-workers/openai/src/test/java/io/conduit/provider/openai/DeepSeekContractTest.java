package io.conduit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.openai.fake.FakeFlavor;
import io.conduit.provider.openai.fake.FakeOpenAiChat;
import io.conduit.provider.spi.ProviderAdapter;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.ProviderException.Kind;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.testkit.contract.AdapterHarness;
import io.conduit.provider.testkit.contract.ChatAdapterContract;
import io.conduit.provider.testkit.contract.ChatProviderFake;
import io.conduit.provider.testkit.contract.FakeAnswer;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The chat adapter contract for the DeepSeek preset: cache fields, reasoning_content, max_tokens only. */
class DeepSeekContractTest extends ChatAdapterContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected ProviderAdapter adapter() {
        return OpenAiAdapter.forFamily("deepseek");
    }

    @Override
    protected ChatProviderFake startFake() {
        return new FakeOpenAiChat(FakeFlavor.deepSeek(), API_KEY).start();
    }

    @Override
    protected ProviderEndpoint endpoint(URI baseUrl) {
        return new ProviderEndpoint("p-deepseek", "deepseek", "deepseek", baseUrl, API_KEY);
    }

    @Override
    protected Map<Integer, Kind> documentedErrors() {
        return Map.of(400, Kind.BAD_REQUEST, 401, Kind.AUTHENTICATION, 402, Kind.PERMISSION_DENIED,
                422, Kind.UNPROCESSABLE, 429, Kind.RATE_LIMITED, 500, Kind.SERVER_ERROR, 503, Kind.OVERLOADED);
    }

    @Test
    void cache_hits_become_cached_tokens_and_the_provider_fields_stay() {
        fake().answer(new FakeAnswer("Done.", "Thinking first.", List.of(), FakeAnswer.Finish.STOP,
                new FakeAnswer.Usage(800, 90, 512, 40)));

        AdapterHarness.Plain plain = harness().send(call(simpleRequest(false, false)));
        var usage = OpenAiAnswer.fromBody(plain.clientBody()).usage();

        assertThat(harness().chat().usage(plain.providerBody())).isEqualTo(new TokenUsage(800, 90, 512, 40, false));
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(512);
        assertThat(usage.path("prompt_cache_hit_tokens").asLong()).isEqualTo(512);
        assertThat(usage.path("prompt_cache_miss_tokens").asLong()).isEqualTo(288);
        assertThat(JSON.readTree(plain.clientBody()).path("choices").path(0).path("message").path("reasoning_content")
                .asString()).isEqualTo("Thinking first.");
    }

    @Test
    void reasoning_content_and_keep_alive_comments_are_streamed_through_and_counted_for_cut_streams() {
        ((FakeOpenAiChat) fake()).keepAliveComments(true);
        fake().failMidStream(new FakeAnswer("The answer is 42.", "Let me think about this carefully.", List.of(),
                FakeAnswer.Finish.STOP, new FakeAnswer.Usage(10, 30, 0, 20)));

        AdapterHarness.Streamed streamed = harness().stream(call(simpleRequest(true, true)));

        assertThat(streamed.clientStream()).contains("reasoning_content").contains(": keep-alive");
        assertThat(streamed.relay().completed()).isFalse();
        assertThat(streamed.relay().generatedText()).startsWith("Let me think");
    }

    @Test
    void max_completion_tokens_is_sent_as_max_tokens() {
        fake().answer(FakeAnswer.text("Short.", new FakeAnswer.Usage(3, 2, 0, 0)));

        harness().send(call("""
                {"model":"alias","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":64}"""));

        var sent = fake().requests().getFirst().json();
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.has("max_completion_tokens")).isFalse();
    }
}
