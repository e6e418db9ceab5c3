package io.conduit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.Capability;
import io.conduit.provider.spi.InboundCall;
import io.conduit.provider.spi.ProviderEndpoint;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import io.conduit.provider.spi.UpstreamRequest;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiAdapterTest {

    private final OpenAiAdapter adapter = OpenAiAdapter.openAi();
    private final ProviderEndpoint endpoint =
            new ProviderEndpoint("p1", "main", "openai", URI.create("http://127.0.0.1:1/v1/"), "sk-test-key");

    private static InboundCall call(String json, boolean stream, boolean wantsUsage) throws Exception {
        return new InboundCall(JsonObjectScan.parse(json.getBytes(StandardCharsets.UTF_8)), "gpt-4o-mini", stream, wantsUsage);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void declares_chat_and_embeddings() {
        assertThat(adapter.capabilities()).containsExactlyInAnyOrder(Capability.CHAT_COMPLETIONS, Capability.CHAT_STREAMING,
                Capability.EMBEDDINGS, Capability.IMAGE_GENERATION, Capability.SPEECH, Capability.TRANSCRIPTION,
                Capability.VIDEO_GENERATION);
        assertThat(adapter.id()).isEqualTo("openai");
        assertThat(OpenAiAdapter.openAiCompatible().id()).isEqualTo("openai_compatible");
    }

    @Test
    void rewrites_only_the_model_of_a_plain_request() throws Exception {
        UpstreamRequest request = adapter.chatCompletions().orElseThrow().request(endpoint,
                call("{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2}", false, false));

        assertThat(request.uri()).isEqualTo(URI.create("http://127.0.0.1:1/v1/chat/completions"));
        assertThat(request.headers()).containsEntry("authorization", "Bearer sk-test-key");
        assertThat(text(request.body())).isEqualTo(
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2}");
        assertThat(request.toString()).doesNotContain("sk-test-key");
    }

    @Test
    void asks_for_usage_on_every_stream() throws Exception {
        var chat = adapter.chatCompletions().orElseThrow();

        assertThat(text(chat.request(endpoint, call("{\"model\":\"m\",\"stream\":true}", true, false)).body()))
                .isEqualTo("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(text(chat.request(endpoint,
                call("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":false,\"x\":1}}", true, false)).body()))
                .isEqualTo("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true,\"x\":1}}");
        assertThat(text(chat.request(endpoint,
                call("{\"model\":\"m\",\"stream\":true,\"stream_options\":null}", true, false)).body()))
                .isEqualTo("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void reads_usage_of_a_plain_answer() {
        byte[] body = ("{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,"
                + "\"total_tokens\":19,\"prompt_tokens_details\":{\"cached_tokens\":4},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":3}}}").getBytes(StandardCharsets.UTF_8);

        assertThat(adapter.chatCompletions().orElseThrow().usage(body)).isEqualTo(new TokenUsage(12, 7, 4, 3, false));
        assertThat(adapter.embeddings().orElseThrow().usage("{\"usage\":{\"prompt_tokens\":5,\"total_tokens\":5}}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(new TokenUsage(5, 0, 0, 0, false));
        assertThat(adapter.chatCompletions().orElseThrow().usage("not json".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(TokenUsage.NONE);
    }

    private static final String CHUNK = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}],\"usage\":null}\n\n";
    private static final String USAGE = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}\n\n";

    @Test
    void relays_a_stream_and_drops_the_usage_chunk_the_client_did_not_ask_for() throws Exception {
        StreamRelay relay = adapter.chatCompletions().orElseThrow().openStream(call("{}", true, false));
        byte[] first = String.format(CHUNK, "Hel").getBytes(StandardCharsets.UTF_8);

        assertThat(relay.relay(first)).isSameAs(first);
        assertThat(relay.relay(String.format(CHUNK, "lo").getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThat(relay.generatedText()).isEqualTo("Hello");
        assertThat(relay.relay(USAGE.getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(relay.reportedUsage()).contains(new TokenUsage(9, 2, 0, 0, false));
        assertThat(relay.completed()).isFalse();
        assertThat(relay.relay("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThat(relay.completed()).isTrue();
    }

    @Test
    void keeps_the_usage_chunk_when_the_client_asked_for_it() throws Exception {
        StreamRelay relay = adapter.chatCompletions().orElseThrow().openStream(call("{}", true, true));

        assertThat(relay.relay(USAGE.getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThat(relay.reportedUsage()).isPresent();
        assertThat(relay.relay(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8))).isNotNull();
    }
}
