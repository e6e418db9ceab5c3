package io.conduit.ingress.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.ingress.http.GatewayException;
import io.conduit.provider.anthropic.AnthropicAdapter;
import io.conduit.provider.openai.OpenAiAdapter;
import io.conduit.provider.spi.json.JsonObjectScan;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A client request in the forms its targets take, and which capability serves each provider. */
class ClientRequestTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonObjectScan body) {
        return new String(body.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void responses_go_as_sent_to_openai_and_translated_to_anthropic() {
        assertThat(Operation.RESPONSES.capability().apply(OpenAiAdapter.openAi()).orElseThrow().form())
                .isEqualTo(Operation.RequestForm.AS_SENT);
        assertThat(Operation.RESPONSES.capability().apply(OpenAiAdapter.forFamily("groq")).orElseThrow().form())
                .isEqualTo(Operation.RequestForm.CHAT);
        assertThat(Operation.RESPONSES.capability().apply(AnthropicAdapter.create()).orElseThrow().form())
                .isEqualTo(Operation.RequestForm.CHAT);
        assertThat(Operation.MESSAGES.capability().apply(OpenAiAdapter.openAi()).orElseThrow().form())
                .isEqualTo(Operation.RequestForm.CHAT);
    }

    @Test
    void a_responses_request_has_both_forms() {
        String body = "{\"model\":\"team\",\"input\":\"Hello\",\"max_output_tokens\":50,\"stream\":true}";

        ClientRequest request = ClientRequest.of(Operation.RESPONSES, utf8(body));

        assertThat(request.alias()).isEqualTo("team");
        ClientRequest.Prepared asSent = request.prepared(Operation.RequestForm.AS_SENT);
        ClientRequest.Prepared chat = request.prepared(Operation.RequestForm.CHAT);
        assertThat(text(asSent.inbound().body())).isEqualTo(body);
        assertThat(asSent.inbound().stream()).isTrue();
        assertThat(text(chat.inbound().body())).contains("\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]")
                .contains("\"max_completion_tokens\":50").contains("\"include_usage\":true");
        assertThat(chat.inbound().stream()).isTrue();
        assertThat(text(request.budgetBody())).isEqualTo(text(chat.inbound().body()));
    }

    @Test
    void a_request_only_openai_can_serve_is_refused_only_where_it_needs_translating() {
        ClientRequest request = ClientRequest.of(Operation.RESPONSES,
                utf8("{\"model\":\"team\",\"input\":\"Find news\",\"tools\":[{\"type\":\"web_search\"}]}"));

        assertThat(request.prepared(Operation.RequestForm.AS_SENT).inbound()).isNotNull();
        assertThatThrownBy(() -> request.prepared(Operation.RequestForm.CHAT))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo("tools[0].type");
                });
        assertThat(request.untranslatable()).isNotNull();
    }

    @Test
    void messages_are_only_served_translated_and_refused_up_front() {
        assertThatThrownBy(() -> ClientRequest.of(Operation.MESSAGES, utf8("{\"model\":\"m\"}")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
        ClientRequest request = ClientRequest.of(Operation.MESSAGES,
                utf8("{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        assertThat(request.alias()).isEqualTo("m");
        assertThatThrownBy(() -> request.prepared(Operation.RequestForm.AS_SENT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void responses_input_counts_toward_an_estimate() throws Exception {
        TokenEstimator tokens = new TokenEstimator();
        JsonObjectScan items = JsonObjectScan.parse(utf8("{\"model\":\"m\",\"instructions\":\"Be brief.\",\"input\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"What is the weather in Paris\"}]},"
                + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"w\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"sunny and warm\"}]}"));

        long expected = tokens.countText("Be brief.") + tokens.countText("What is the weather in Paris")
                + tokens.countText("{\"city\":\"Paris\"}") + tokens.countText("sunny and warm");
        assertThat(tokens.countPrompt(items)).isEqualTo(expected).isGreaterThan(10);
    }
}
