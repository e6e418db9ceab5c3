package io.conduit.ingress.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conduit.ingress.http.GatewayException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reads_alias_stream_and_usage_wish() {
        ValidatedRequest plain = RequestValidator.chatCompletion(utf8("{\"model\":\"m\",\"messages\":[]}"));
        ValidatedRequest streamed = RequestValidator.chatCompletion(utf8(
                "{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));

        assertThat(plain.alias()).isEqualTo("m");
        assertThat(plain.stream()).isFalse();
        assertThat(streamed.stream()).isTrue();
        assertThat(streamed.clientWantsUsage()).isTrue();
        assertThat(RequestValidator.chatCompletion(utf8("{\"model\":\"m\",\"messages\":[],\"stream\":null}")).stream()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"messages\":[]}                                                 | missing_required_parameter | model",
        "{\"model\":\"\",\"messages\":[]}                                  | missing_required_parameter | model",
        "{\"model\":1,\"messages\":[]}                                     | invalid_type               | model",
        "{\"model\":\"m\"}                                                 | missing_required_parameter | messages",
        "{\"model\":\"m\",\"messages\":{}}                                 | invalid_type               | messages",
        "{\"model\":\"m\",\"messages\":[],\"stream\":1}                    | invalid_type               | stream",
        "{\"model\":\"m\",\"messages\":[],\"stream_options\":true}         | invalid_type               | stream_options",
        "{\"model\":\"m\",\"messages\":[],\"stream_options\":{\"include_usage\":\"y\"}} | invalid_type  | stream_options.include_usage",
        "{\"model\":\"m\",\"messages\":[]                                  | invalid_json               | ",
    })
    void rejects_what_the_gateway_cannot_route(String body, String code, String param) {
        assertThatThrownBy(() -> RequestValidator.chatCompletion(utf8(body)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.param()).isEqualTo(param);
                });
    }

    @Test
    void embeddings_need_an_input_string_or_array() {
        assertThat(RequestValidator.embeddings(utf8("{\"model\":\"e\",\"input\":\"x\"}")).alias()).isEqualTo("e");
        assertThatThrownBy(() -> RequestValidator.embeddings(utf8("{\"model\":\"e\",\"input\":3}")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).isEqualTo("input"));
    }
}
