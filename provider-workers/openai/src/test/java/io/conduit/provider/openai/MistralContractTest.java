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
import io.conduit.provider.testkit.contract.FakeAnswer.ToolCall;
import io.conduit.provider.testkit.contract.OpenAiAnswer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chat adapter contract for the Mistral preset, whose fake rejects fields outside Mistral's
 * request schema with 422 and reports stream usage on the last chunk without being asked.
 */
class MistralContractTest extends ChatAdapterContract {

    @Override
    protected ProviderAdapter adapter() {
        return OpenAiAdapter.forFamily("mistral");
    }

    @Override
    protected ChatProviderFake startFake() {
        return new FakeOpenAiChat(FakeFlavor.mistral(), API_KEY).start();
    }

    @Override
    protected ProviderEndpoint endpoint(URI baseUrl) {
        return new ProviderEndpoint("p-mistral", "mistral", "mistral", baseUrl, API_KEY);
    }

    @Override
    protected Map<Integer, Kind> documentedErrors() {
        return Map.of(400, Kind.BAD_REQUEST, 401, Kind.AUTHENTICATION, 404, Kind.NOT_FOUND,
                422, Kind.UNPROCESSABLE, 429, Kind.RATE_LIMITED, 500, Kind.SERVER_ERROR, 503, Kind.OVERLOADED);
    }

    /** Mistral's usage has no cached or reasoning counts. */
    @Override
    protected boolean reportsCachedAndReasoningTokens() {
        return false;
    }

    @Test
    void openai_only_fields_are_dropped_renamed_or_translated() {
        fake().answer(FakeAnswer.toolCalls(List.of(new ToolCall("D681PevKs", "get_weather", "{\"city\":\"Paris\"}")),
                new FakeAnswer.Usage(40, 10, 0, 0)));

        AdapterHarness.Plain result = harness().send(call("""
                {"model":"alias","messages":[{"role":"user","content":"Weather?"}],"tools":[%s],
                 "tool_choice":"required","user":"u-1","seed":7,"max_completion_tokens":100,"logprobs":false,
                 "parallel_tool_calls":false,"store":true}""".formatted(WEATHER_TOOL)));

        assertThat(result.status()).isEqualTo(200);
        var sent = fake().requests().getFirst().json();
        assertThat(sent.path("tool_choice").asString()).isEqualTo("any");
        assertThat(sent.path("random_seed").asInt()).isEqualTo(7);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(sent.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(sent.has("user") || sent.has("seed") || sent.has("logprobs") || sent.has("store")
                || sent.has("max_completion_tokens")).isFalse();
    }

    @Test
    void usage_on_the_last_chunk_is_moved_to_its_own_chunk() {
        fake().answer(FakeAnswer.text("Bonjour.", new FakeAnswer.Usage(7, 3, 0, 0)));

        AdapterHarness.Streamed streamed = harness().stream(call(simpleRequest(true, true)));
        String[] events = streamed.clientStream().split("\n\n");

        assertThat(events[events.length - 1]).isEqualTo("data: [DONE]");
        assertThat(events[events.length - 2]).contains("\"choices\":[]").contains("\"prompt_tokens\":7");
        assertThat(events[events.length - 3]).contains("\"finish_reason\":\"stop\"").contains("\"usage\":null");
        assertThat(OpenAiAnswer.fromStream(streamed.clientStream()).usage().path("total_tokens").asLong()).isEqualTo(10);
        assertThat(streamed.relay().reportedUsage()).contains(new TokenUsage(7, 3, 0, 0, false));
    }
}
