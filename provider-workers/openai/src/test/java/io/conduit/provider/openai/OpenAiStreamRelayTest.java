package io.conduit.provider.openai;

import static io.conduit.provider.openai.AdapterCalls.text;
import static io.conduit.provider.openai.AdapterCalls.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.conduit.provider.spi.ProviderException;
import io.conduit.provider.spi.StreamRelay;
import io.conduit.provider.spi.TokenUsage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The relay's handling of the family's stream differences. */
class OpenAiStreamRelayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static StreamRelay relay(UsageDialect dialect, boolean wantsUsage) {
        return new OpenAiStreamRelay(wantsUsage, dialect);
    }

    @Test
    void azure_prompt_filter_chunk_and_async_filter_annotations_are_dropped() {
        StreamRelay relay = relay(UsageDialect.OPENAI, false);

        assertThat(relay.relay(utf8("data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}\n\n"))).isNull();
        assertThat(relay.relay(utf8("data: {\"choices\":[{\"content_filter_offsets\":{\"check_offset\":0,"
                + "\"start_offset\":0,\"end_offset\":12},\"content_filter_results\":{\"hate\":{\"filtered\":false,"
                + "\"severity\":\"safe\"}},\"finish_reason\":null,\"index\":0}],\"created\":0,\"id\":\"\",\"model\":\"\","
                + "\"object\":\"\"}\n\n"))).isNull();
        byte[] content = utf8("data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"Hi\"},"
                + "\"finish_reason\":null,\"index\":0}],\"created\":1,\"id\":\"c1\",\"model\":\"gpt-4o\","
                + "\"object\":\"chat.completion.chunk\"}\n\n");
        assertThat(relay.relay(content)).isSameAs(content);
        byte[] filtered = utf8("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"content_filter\",\"index\":0}],"
                + "\"created\":1,\"id\":\"c1\",\"model\":\"gpt-4o\",\"object\":\"chat.completion.chunk\"}\n\n");
        assertThat(relay.relay(filtered)).isSameAs(filtered);
    }

    @Test
    void groq_usage_inside_x_groq_is_read_and_sent_as_a_usage_chunk_when_asked() {
        StreamRelay relay = relay(UsageDialect.GROQ, true);
        byte[] last = utf8("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":7,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"queue_time\":0.01,"
                + "\"prompt_tokens\":45,\"prompt_time\":0.002,\"completion_tokens\":3,\"completion_time\":0.01,"
                + "\"total_tokens\":48,\"total_time\":0.02}}}\n\n");

        assertThat(relay.relay(last)).isSameAs(last);
        assertThat(relay.reportedUsage()).contains(new TokenUsage(45, 3, 0, 0, false));
        String end = text(relay.relay(utf8("data: [DONE]\n\n")));
        assertThat(end).startsWith("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":7,"
                + "\"model\":\"llama-3.3-70b-versatile\",\"choices\":[],\"usage\":{\"queue_time\":0.01,")
                .endsWith("}\n\ndata: [DONE]\n\n");
        assertThat(relay.completed()).isTrue();
    }

    @Test
    void a_provider_usage_chunk_after_x_groq_usage_is_not_doubled() {
        StreamRelay relay = relay(UsageDialect.GROQ, true);
        relay.relay(utf8("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"x_groq\":{\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1}}}\n\n"));
        byte[] usageChunk = utf8("data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1}}\n\n");

        assertThat(relay.relay(usageChunk)).isSameAs(usageChunk);
        assertThat(text(relay.relay(utf8("data: [DONE]\n\n")))).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void perplexity_usage_on_content_chunks_is_taken_off_and_normalized_once() {
        StreamRelay relay = relay(UsageDialect.PERPLEXITY, true);
        String chunk = "data: {\"id\":\"p1\",\"model\":\"sonar-reasoning\",\"created\":3,\"object\":\"chat.completion.chunk\","
                + "\"citations\":[\"https://example.org\"],\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},"
                + "\"finish_reason\":%s}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":%d,\"total_tokens\":%d,"
                + "\"reasoning_tokens\":%d,\"citation_tokens\":40,\"num_search_queries\":1}}\n\n";

        String first = text(relay.relay(utf8(chunk.formatted("Paris", "null", 2, 7, 1))));
        String last = text(relay.relay(utf8(chunk.formatted(".", "\"stop\"", 4, 9, 2))));
        String end = text(relay.relay(utf8("data: [DONE]\n\n")));

        assertThat(first).contains("\"usage\":null").contains("\"citations\":[\"https://example.org\"]");
        assertThat(last).contains("\"usage\":null").contains("\"finish_reason\":\"stop\"");
        var usage = JSON.readTree(end.substring(6, end.indexOf("\n\n"))).path("usage");
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asLong()).isEqualTo(2);
        assertThat(usage.path("citation_tokens").asLong()).isEqualTo(40);
        assertThat(relay.reportedUsage()).contains(new TokenUsage(5, 4, 0, 2, false));
        assertThat(relay.generatedText()).isEqualTo("Paris.");
    }

    @Test
    void usage_on_content_chunks_is_not_sent_when_the_client_did_not_ask() {
        StreamRelay relay = relay(UsageDialect.OPENAI, false);

        String last = text(relay.relay(utf8("data: {\"id\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\n")));

        assertThat(last).contains("\"usage\":null");
        assertThat(text(relay.relay(utf8("data: [DONE]\n\n")))).isEqualTo("data: [DONE]\n\n");
        assertThat(relay.reportedUsage()).contains(new TokenUsage(3, 1, 0, 0, false));
    }

    @Test
    void deepseek_usage_chunk_gets_cached_tokens() {
        StreamRelay relay = relay(UsageDialect.DEEPSEEK, true);

        String out = text(relay.relay(utf8("data: {\"id\":\"d\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":9,\"total_tokens\":109,"
                + "\"prompt_cache_hit_tokens\":64,\"prompt_cache_miss_tokens\":36}}\n\n")));

        var usage = JSON.readTree(out.substring(6).strip()).path("usage");
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(64);
        assertThat(usage.path("prompt_cache_hit_tokens").asLong()).isEqualTo(64);
        assertThat(relay.reportedUsage()).contains(new TokenUsage(100, 9, 64, 0, false));
    }

    @Test
    void an_error_inside_the_stream_is_passed_on_and_reported() {
        StreamRelay relay = relay(UsageDialect.OPENAI, false);
        byte[] error = utf8("data: {\"id\":\"gen-1\",\"object\":\"chat.completion.chunk\",\"error\":{\"code\":502,"
                + "\"message\":\"Provider disconnected\"},\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},"
                + "\"finish_reason\":\"error\"}]}\n\n");

        assertThat(relay.relay(error)).isSameAs(error);
        assertThat(relay.streamFailure()).hasValueSatisfying(failure -> {
            assertThat(failure.kind()).isEqualTo(ProviderException.Kind.SERVER_ERROR);
            assertThat(failure.error().message()).isEqualTo("Provider disconnected");
        });
        byte[] openAiError = utf8("data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n");
        assertThat(relay.relay(openAiError)).isSameAs(openAiError);
    }

    @Test
    void comments_and_unparseable_events_pass_unchanged() {
        StreamRelay relay = relay(UsageDialect.OPENAI, false);
        byte[] comment = utf8(": OPENROUTER PROCESSING\n\n");
        byte[] garbage = utf8("data: {not json\n\n");

        assertThat(relay.relay(comment)).isSameAs(comment);
        assertThat(relay.relay(garbage)).isSameAs(garbage);
    }
}
